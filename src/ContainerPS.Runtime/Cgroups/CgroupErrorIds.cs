namespace ContainerPS.Runtime.Cgroups;

/// <summary>The stable <see cref="CgroupException.ErrorId"/> values; the engine maps them onto its own error kinds.</summary>
public static class CgroupErrorIds
{
    /// <summary>No cgroup v1 controller and no cgroup2 hierarchy under the mount root.</summary>
    public const string NotMounted = "CgroupNotMounted";

    /// <summary>A limit was requested that needs a controller the host (or the parent cgroup) does not have.</summary>
    public const string ControllerMissing = "CgroupControllerMissing";

    /// <summary>The cgroup already exists: two containers must never share one.</summary>
    public const string Exists = "CgroupExists";

    /// <summary>The cgroup does not exist in any hierarchy.</summary>
    public const string NotFound = "CgroupNotFound";

    /// <summary>The cgroup path is not absolute, or has empty, "." or ".." segments.</summary>
    public const string InvalidPath = "CgroupInvalidPath";

    /// <summary>The limits contradict each other (e.g. swap below memory, swap without memory).</summary>
    public const string InvalidLimit = "CgroupInvalidLimit";

    /// <summary>mkdir of a cgroup directory failed.</summary>
    public const string CreateFailed = "CgroupCreateFailed";

    /// <summary>Writing a cgroup control file failed (the message names the file and errno).</summary>
    public const string WriteFailed = "CgroupWriteFailed";

    /// <summary>Reading a cgroup control file failed, or it was larger than its bound.</summary>
    public const string ReadFailed = "CgroupReadFailed";

    /// <summary>A control file held something that is not what the kernel writes there.</summary>
    public const string ParseFailed = "CgroupParseFailed";

    /// <summary>Processes were still in the cgroup after repeated SIGKILLs.</summary>
    public const string KillFailed = "CgroupKillFailed";

    /// <summary>rmdir failed (other than "already gone"), or the cgroup stayed busy.</summary>
    public const string RemoveFailed = "CgroupRemoveFailed";

    /// <summary>The cgroup did not reach the frozen state in time (a task stuck in uninterruptible sleep).</summary>
    public const string FreezeFailed = "CgroupFreezeFailed";
}
