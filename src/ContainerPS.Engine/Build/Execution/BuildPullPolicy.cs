namespace ContainerPS.Engine.Build.Execution;

/// <summary>When FROM and --from images are pulled (podman build --pull=missing|always|never).</summary>
public enum BuildPullPolicy
{
    /// <summary>Pull only images the store lacks.</summary>
    Missing,

    /// <summary>Pull every image, so a moved tag is seen.</summary>
    Always,

    /// <summary>Never pull: an image the store lacks is an error.</summary>
    Never,
}
