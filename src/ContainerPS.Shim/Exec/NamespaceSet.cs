using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// Which of the init's namespaces an exec must join: those that differ from the shim's own (compared by the inode
/// of /proc/&lt;pid&gt;/ns/&lt;type&gt;, namespaces(7)), so a container that shares the host's network, say, is
/// joined in the rest only.
/// </summary>
internal static class NamespaceSet
{
    private static readonly (string File, int Flag)[] Kinds =
    [
        // The user namespace too: an exec into a container with one must not run as the host's uid (setns(2) on a
        // pidfd enters it first, so the others are joined with its capabilities).
        ("user", Linux.CLONE_NEWUSER), ("mnt", Linux.CLONE_NEWNS), ("uts", Linux.CLONE_NEWUTS), ("ipc", Linux.CLONE_NEWIPC),
        ("net", Linux.CLONE_NEWNET), ("cgroup", Linux.CLONE_NEWCGROUP), ("pid", Linux.CLONE_NEWPID),
    ];

    /// <summary>The CLONE_NEW* flags of the namespaces <paramref name="pid"/> is in and this process is not.</summary>
    public static int Differing(int pid)
    {
        int flags = 0;
        foreach (var (file, flag) in Kinds)
        {
            if (Inode($"/proc/{pid}/ns/{file}") != Inode($"/proc/self/ns/{file}")) flags |= flag;
        }
        return flags;
    }

    private static string Inode(string path) =>
        new FileInfo(path).LinkTarget ?? throw new ShimException(ExitCodes.WrongState, $"cannot read {path}");
}
