namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>Which way <see cref="ContainerService.Copy"/> copies.</summary>
public enum CopyDirection
{
    /// <summary>Host paths into the container (docker cp SRC CONTAINER:DEST).</summary>
    ToContainer,

    /// <summary>A container path out to the host (docker cp CONTAINER:SRC DEST).</summary>
    FromContainer,
}
