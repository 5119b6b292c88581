namespace ContainerPS.Runtime.Spec;

/// <summary>
/// ContainerPS's own annotations in config.json. Other runtimes ignore them; the ContainerPS supervisor reads them.
/// </summary>
public static class Annotations
{
    /// <summary>
    /// overlayfs options (<c>lowerdir=...,upperdir=...,workdir=...</c>) that the supervisor mounts on the root path
    /// inside the container's own mount namespace, so the mount dies with the container and nothing leaks on the host.
    /// </summary>
    public const string RootfsOverlay = "io.containerps.rootfs.overlay";

    /// <summary>Where the supervisor writes the container's stdout and stderr (docker's json-file format, one JSON object a line).</summary>
    public const string LogPath = "io.containerps.log.path";

    /// <summary>
    /// Bytes the log may reach before the supervisor rotates it (docker json-file's max-size): LogPath becomes
    /// LogPath.1, the older ones move up by one, and one beyond <see cref="LogMaxFiles"/> in all is deleted.
    /// </summary>
    public const string LogMaxSize = "io.containerps.log.max-size";

    /// <summary>How many log files there may be, the one being written included (docker json-file's max-file).</summary>
    public const string LogMaxFiles = "io.containerps.log.max-files";

    /// <summary>"true": run a minimal reaping init as PID 1 (docker run --init).</summary>
    public const string Init = "io.containerps.init";

    /// <summary>
    /// Ports to publish (docker run -p): a JSON array of <see cref="PublishedPort"/>. The supervisor binds every host
    /// side before the container is created and proxies connections and datagrams to the target while it runs.
    /// </summary>
    public const string PublishedPorts = "io.containerps.ports";

    /// <summary>
    /// A file outside /run (the container's directory in the store) where the monitor keeps a copy of every state it
    /// records, the last one synced to disk: what the container last was survives a reboot, which empties /run
    /// (docs/runtime-contract.md, "State that survives").
    /// </summary>
    public const string StateCopy = "io.containerps.state.copy";
}
