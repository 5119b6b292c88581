namespace ContainerPS;

/// <summary>One build step of an image (image-spec config.md, "history"; PSTypeName <c>ContainerPS.ImageHistoryEntry</c>).</summary>
public sealed class ImageHistoryEntry
{
    public DateTime? Created { get; init; }

    public string? CreatedBy { get; init; }

    public string? Author { get; init; }

    public string? Comment { get; init; }

    /// <summary>True when the step changed only the config and added no layer.</summary>
    public bool EmptyLayer { get; init; }
}
