using ContainerPS.Engine.Runtime.Copy;
using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Engine.Runtime.Processes;

/// <summary>
/// docker top: the pids in the container's cgroup (the path the supervisor recorded in the state directory's
/// <c>cgroup</c> file; v1 and v2 both through <see cref="CgroupHost"/>), each described from /proc/&lt;pid&gt;. A process
/// that exits while it is being read is left out.
/// </summary>
internal sealed class ProcessLister(StateRoot state)
{
    private readonly ProcessClock _clock = new();

    public IReadOnlyList<ContainerProcessInfo> List(ContainerRecord record, ContainerRoot? root)
    {
        var users = new ContainerUsers(root);
        var pids = CgroupHost.Detect().Open(state.CgroupPathOf(record.Id)).Processes();
        return pids.Select(pid => TryDescribe(record, pid, users)).OfType<ContainerProcessInfo>().ToList();
    }

    private ContainerProcessInfo? TryDescribe(ContainerRecord record, int pid, ContainerUsers users)
    {
        try
        {
            var stat = ProcStat.Parse(File.ReadAllText($"/proc/{pid}/stat"));
            var status = ProcStatus.Parse(File.ReadAllText($"/proc/{pid}/status"));
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return new ContainerProcessInfo
            {
                ContainerName = record.Name,
                ContainerId = record.Id,
                Pid = pid,
                ContainerPid = status.NamespacePid,
                ParentPid = stat.ParentPid,
                UserId = status.UserId,
                User = users.NameOf(status.UserId),
                State = stat.StateName,
                CpuTime = _clock.Duration(stat.CpuTicks),
                MemoryBytes = stat.ResidentPages * Environment.SystemPageSize,
                StartTime = _clock.Since(stat.StartTicks),
                Command = arguments.Length > 0 ? string.Join(' ', arguments) : $"[{stat.Name}]",
                Arguments = arguments,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // exited meanwhile
        }
    }
}
