namespace ContainerPS.Engine.Store;

/// <summary>Annotation keys on the entries of the store's index.json.</summary>
public static class IndexAnnotations
{
    /// <summary>The image's name (image-spec annotations.md); here the full normalised reference, which the layout grammar allows.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";

    /// <summary>The digest the registry gave for the pulled reference (the index's digest for a multi-platform image).</summary>
    public const string RepoDigest = "io.containerps.image.repo-digest";

    /// <summary>When the entry was written (RFC 3339).</summary>
    public const string Pulled = "io.containerps.image.pulled";

    /// <summary>The build cache key of the step whose result the entry is (docs/build.md, "Cache"); such an entry names no image.</summary>
    public const string BuildCacheKey = "io.containerps.build.cache-key";

    public static bool IsBuildCache(Oci.Descriptor entry) => entry.Annotations?.ContainsKey(BuildCacheKey) == true;
}
