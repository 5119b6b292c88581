using System.Globalization;
using System.Text;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Child;

/// <summary>
/// A new user namespace (config-linux.md, "User namespace mappings"): the child is cloned into it with no ids mapped,
/// so it waits on a pipe while the supervisor, in the parent namespace, writes linux.uidMappings and gidMappings to
/// /proc/&lt;child&gt;/uid_map and gid_map (user_namespaces(7): one write each, by a process of the parent namespace
/// with CAP_SETUID/CAP_SETGID there). An unprivileged writer must deny setgroups first. The child then becomes root
/// of its namespace (setresgid/setresuid 0, as runc's init does), so the files it makes while setting up have an owner
/// there; container uid 0 must therefore be mapped (EINVAL otherwise).
/// </summary>
internal sealed class UserNamespaceMapping : IDisposable
{
    private readonly IReadOnlyList<IdMappingSpec> _uids, _gids;
    private int _read, _write;

    private UserNamespaceMapping(RuntimeSpec spec, Pipe sync)
    {
        _uids = spec.Linux.UidMappings ?? [];
        _gids = spec.Linux.GidMappings ?? [];
        (_read, _write) = sync;
    }

    /// <summary>Null when the spec makes no user namespace.</summary>
    public static UserNamespaceMapping? Prepare(RuntimeSpec spec) =>
        SpecNamespaces.Creates(spec, "user") ? new UserNamespaceMapping(spec, Pipe.Create()) : null;

    /// <summary>The supervisor's end, which the child closes first (EOF then means the supervisor died).</summary>
    public int SupervisorFd => _write;

    /// <summary>The child's end, which the supervisor closes after the clone.</summary>
    public int ChildFd => _read;

    public void AddChildSteps(StepList steps)
    {
        steps.Add("wait-for-user-namespace-mappings", steps.Calls.Read, _read, steps.Arena.Struct(0L), 1).RequirePositiveResult();
        steps.Add("setresgid-user-namespace-root", steps.Calls.Setresgid, 0, 0, 0);
        steps.Add("setresuid-user-namespace-root", steps.Calls.Setresuid, 0, 0, 0);
    }

    /// <summary>Writes the maps, then lets the child go on. A map the kernel refuses fails the create, naming the file.</summary>
    public void AfterClone(int pid)
    {
        Pipe.Close(ref _read);
        if (Sys.Geteuid() != 0) WriteProcFile(pid, "setgroups", "deny");
        WriteProcFile(pid, "uid_map", Format(_uids));
        WriteProcFile(pid, "gid_map", Format(_gids));
        Pipe.WriteByte(_write);
        Pipe.Close(ref _write);
    }

    /// <summary>"containerID hostID size" lines (user_namespaces(7), "User and group ID mappings").</summary>
    public static string Format(IEnumerable<IdMappingSpec> mappings)
    {
        var text = new StringBuilder();
        foreach (var m in mappings) text.Append(CultureInfo.InvariantCulture, $"{m.ContainerId} {m.HostId} {m.Size}\n");
        return text.ToString();
    }

    private static unsafe void WriteProcFile(int pid, string name, string content)
    {
        string path = $"/proc/{pid}/{name}";
        int fd = Sys.Open(path, Linux.O_WRONLY | Linux.O_CLOEXEC, 0);
        if (fd < 0) throw new ShimException(ExitCodes.Failure, $"open {path}: {Errno.Describe(Sys.LastError)}");
        try
        {
            byte[] bytes = Encoding.ASCII.GetBytes(content);
            fixed (byte* p = bytes)
            {
                if (Sys.Write(fd, p, (nuint)bytes.Length) != bytes.Length)
                    throw new ShimException(ExitCodes.Failure, $"write {path} ('{content.TrimEnd().Replace('\n', ',')}'): {Errno.Describe(Sys.LastError)}");
            }
        }
        finally { Sys.Close(fd); }
    }

    public void Dispose()
    {
        Pipe.Close(ref _read);
        Pipe.Close(ref _write);
    }
}
