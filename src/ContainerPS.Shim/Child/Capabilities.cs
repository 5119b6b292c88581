namespace ContainerPS.Shim.Child;

/// <summary>Capability names (linux/capability.h) as bit numbers, and a set of them as the 64-bit mask capset takes.</summary>
internal static class Capabilities
{
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>Every name this runtime knows, in bit order (the features document lists them).</summary>
    public static IReadOnlyList<string> All => Names;

    public static int Number(string name)
    {
        int number = Array.IndexOf(Names, name.ToUpperInvariant());
        return number >= 0 ? number : throw new ShimException(ExitCodes.Failure, $"unknown capability '{name}'");
    }

    /// <summary>The mask of the named capabilities; those beyond this kernel's cap_last_cap are left out (runc does too).</summary>
    public static ulong Mask(IReadOnlyList<string>? names, int lastCapability)
    {
        ulong mask = 0;
        foreach (string name in names ?? [])
        {
            int number = Number(name);
            if (number <= lastCapability) mask |= 1UL << number;
        }
        return mask;
    }
}
