namespace ContainerPS;

/// <summary>What Publish-Image -PassThru reports for one push (PSTypeName <c>ContainerPS.ImagePushResult</c>).</summary>
public sealed class ImagePushResult
{
    /// <summary>Where the image went, <c>host/repo:tag</c>; ready to pipe into Request-Image.</summary>
    public string Reference { get; init; } = "";

    /// <summary>The digest the registry holds the tag's manifest (or index) by, as docker push prints it.</summary>
    public string Digest { get; init; } = "";

    /// <summary>The local image's id.</summary>
    public string ImageId { get; init; } = "";

    public int Uploaded { get; init; }

    public int Mounted { get; init; }

    public int Existing { get; init; }

    /// <summary>Bytes sent to the registry; blobs it had or mounted cost none.</summary>
    public long BytesUploaded { get; init; }

    public int Manifests { get; init; }

    public override string ToString() => $"{Reference}@{Digest}";
}
