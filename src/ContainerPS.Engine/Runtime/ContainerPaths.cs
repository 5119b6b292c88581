namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The files of one container under <c>&lt;root&gt;/containers/&lt;id&gt;/</c> (issue-3 contract): the bundle
/// (config.json and an empty rootfs mount point), the overlay's upper and work directories, container.json and ctr.log.
/// </summary>
public sealed class ContainerPaths(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The OCI runtime bundle's config.json (runtime-spec bundle.md).</summary>
    public string ConfigFile => Path.Combine(Directory, "config.json");

    public string RecordFile => Path.Combine(Directory, "container.json");

    /// <summary>Docker's json-file log format, appended by the supervisor.</summary>
    public string LogFile => Path.Combine(Directory, "ctr.log");

    /// <summary>Empty: the supervisor mounts the overlay on it inside the container's mount namespace.</summary>
    public string Rootfs => Path.Combine(Directory, "rootfs");

    public string Upper => Path.Combine(Directory, "upper");

    public string Work => Path.Combine(Directory, "work");

    /// <summary>The monitor's copy of the supervisor's state (Annotations.StateCopy): what the container last was, after a reboot.</summary>
    public string LastStateFile => Path.Combine(Directory, "last-state.json");

    /// <summary>flock(2) target that serialises start, stop and removal of this container across processes.</summary>
    public string LockFile => Path.Combine(Directory, "lock");
}
