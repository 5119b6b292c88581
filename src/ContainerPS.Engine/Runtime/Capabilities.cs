using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>Linux capability names (capabilities(7)) and the set a container gets: docker's default, then -CapDrop, then -CapAdd.</summary>
public static class Capabilities
{
    /// <summary>The word -CapAdd and -CapDrop take for every capability.</summary>
    public const string AllName = "ALL";

    /// <summary>Docker's default set (moby oci/caps/defaults.go), which the issue-3 contract adopts.</summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Every capability of Linux 6.x, in number order (include/uapi/linux/capability.h).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>Docker's order: start from the default set, drop, then add; <c>ALL</c> stands for every capability.</summary>
    public static List<string> Compute(IEnumerable<string> add, IEnumerable<string> drop)
    {
        var added = add.Select(Normalize).ToList();
        var dropped = drop.Select(Normalize).ToList();
        var set = dropped.Contains(AllName) ? [] : Default.Where(c => !dropped.Contains(c)).ToList();
        foreach (var capability in added.Contains(AllName) ? All : added)
        {
            if (!set.Contains(capability)) set.Add(capability);
        }

        return set;
    }

    /// <summary><c>net_admin</c>, <c>NET_ADMIN</c> and <c>CAP_NET_ADMIN</c> all name CAP_NET_ADMIN.</summary>
    public static string Normalize(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (upper == AllName) return upper;
        var full = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
        return All.Contains(full) ? full : throw Fail.InvalidArgument("InvalidCapability", $"'{name}' is not a Linux capability.", name);
    }
}
