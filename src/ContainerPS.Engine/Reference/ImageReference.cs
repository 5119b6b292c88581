using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Reference;

/// <summary>
/// A fully normalised image reference, as Docker's distribution/reference normalises it:
/// <c>busybox</c> is <c>docker.io/library/busybox:latest</c>. A reference may carry a tag, a digest or both;
/// when both are given the digest decides what is pulled and the tag is what the image is stored under.
/// </summary>
public sealed record ImageReference
{
    public const string DockerHubDomain = "docker.io";
    public const string DefaultTag = "latest";

    internal ImageReference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with its port when one was given (<c>localhost:5000</c>).</summary>
    public string Domain { get; }

    /// <summary>The repository path inside the registry (<c>library/busybox</c>).</summary>
    public string Path { get; }

    public string? Tag { get; }

    public Digest? Digest { get; }

    /// <summary><c>domain/path</c>: the repository, without tag or digest.</summary>
    public string Repository => $"{Domain}/{Path}";

    /// <summary>The tag or digest to ask the registry for; the digest wins when both are present.</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? DefaultTag;

    /// <summary>The same repository at another tag.</summary>
    public ImageReference WithTag(string tag) => new(Domain, Path, ReferenceParser.ValidateTag(tag), null);

    /// <summary>The same repository pinned to a digest, without the tag.</summary>
    public ImageReference WithDigest(Digest digest) => new(Domain, Path, null, digest);

    /// <summary>Docker's familiar short form: <c>busybox:latest</c> for a Docker Hub official image.</summary>
    public string FamiliarName
    {
        get
        {
            var repo = Domain == DockerHubDomain
                ? (Path.StartsWith("library/", StringComparison.Ordinal) ? Path["library/".Length..] : Path)
                : Repository;
            return repo + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
        }
    }

    public override string ToString() =>
        Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static ImageReference Parse(string text) => ReferenceParser.Parse(text);
}
