namespace ContainerPS.Shim.Exec;

/// <summary>
/// The exec'd process's fds 0, 1 and 2, as the child sees them right after the clone. Today the process shares
/// the shim's own (non-tty, like `runc exec` without --tty). A later --tty makes a pty here: its slave as all
/// three (the child dup3s them), its master kept by the shim, which proxies it (<see cref="ShimOnly"/> lists it so
/// the child closes it).
/// </summary>
internal sealed class ExecStdio : IDisposable
{
    private ExecStdio(int?[] child, IReadOnlyList<int> childOnly, IReadOnlyList<int> shimOnly)
    {
        Child = child;
        ChildOnly = childOnly;
        ShimOnly = shimOnly;
    }

    /// <summary>The fds to become 0, 1, 2 in the child, or null to keep the shim's.</summary>
    public int?[] Child { get; }

    /// <summary>fds the shim closes once the child has its copies.</summary>
    public IReadOnlyList<int> ChildOnly { get; }

    /// <summary>fds the child closes first (the shim's ends).</summary>
    public IReadOnlyList<int> ShimOnly { get; }

    /// <summary>The process shares the shim's stdin, stdout and stderr.</summary>
    public static ExecStdio Inherit() => new([null, null, null], [], []);

    /// <summary>After the clone: the child holds its own copies.</summary>
    public void CloseChildEnds()
    {
        foreach (int fd in ChildOnly) Native.Sys.Close(fd);
    }

    public void Dispose() { }
}
