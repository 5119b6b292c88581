namespace ContainerPS.Commands;

/// <summary>When New-Container and Start-Container -Image pull the image (docker run --pull).</summary>
public enum ContainerPullPolicy
{
    /// <summary>Use the image in the store; pull it only when it is not there (the seed's flow: cache first, then the registry).</summary>
    Missing,

    /// <summary>Pull before every create, so the newest image for the tag is used.</summary>
    Always,

    /// <summary>Never pull: an image that is not in the store is an ImageNotFound error.</summary>
    Never,
}
