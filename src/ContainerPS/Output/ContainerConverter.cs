using System.Collections;
using ContainerPS.Engine.Runtime;

namespace ContainerPS;

/// <summary>Turns the engine's container types into the property bags the cmdlets emit.</summary>
internal static class ContainerConverter
{
    public static Container ToContainer(ContainerInfo info) => new()
    {
        Id = info.Id,
        ShortId = info.Id[..Math.Min(12, info.Id.Length)],
        Name = info.Name,
        Image = info.Image,
        ImageId = info.ImageId,
        Command = [.. info.Command],
        Status = info.Status.ToString(),
        Pid = info.Pid,
        ExitCode = info.ExitCode,
        OOMKilled = info.OomKilled,
        CreatedAt = info.CreatedAt.LocalDateTime,
        StartedAt = info.StartedAt?.LocalDateTime,
        FinishedAt = info.FinishedAt?.LocalDateTime,
        Limits = new ContainerLimits
        {
            Memory = info.Limits.Memory,
            MemorySwap = info.Limits.MemorySwap,
            Cpus = info.Limits.Cpus,
            CpuShares = info.Limits.CpuShares,
            PidsLimit = info.Limits.PidsLimit,
            CpusetCpus = info.Limits.CpusetCpus,
        },
        Labels = new Hashtable(info.Labels.ToDictionary(p => p.Key, p => p.Value)),
        Hostname = info.Hostname,
        Network = info.Network,
        IPAddress = info.IPAddress,
        Ports = [.. info.Ports.Select(p => new PortMapping { HostIp = p.HostIp, HostPort = p.HostPort, ContainerPort = p.ContainerPort, Protocol = p.Protocol })],
        AutoRemove = info.AutoRemove,
        StopSignal = info.StopSignal,
        StopTimeout = info.StopTimeout,
        Seccomp = info.Seccomp,
        NoNewPrivileges = info.NoNewPrivileges,
        SecurityOptions = [.. info.SecurityOptions],
        Error = info.Error,
    };

    /// <summary>A sample of a running container.</summary>
    public static ContainerStats ToStats(ContainerStatsInfo info) => new()
    {
        Timestamp = info.Timestamp.LocalDateTime,
        ContainerId = info.ContainerId,
        Name = info.Name,
        CpuPercent = info.CpuPercent,
        CpuTime = info.CpuTime,
        MemoryUsage = info.MemoryUsage,
        MemoryLimit = info.MemoryLimit,
        MemoryPercent = info.MemoryPercent,
        PidsCurrent = info.PidsCurrent,
        PidsLimit = info.PidsLimit,
        BlockRead = info.BlockRead,
        BlockWrite = info.BlockWrite,
        NetRx = info.NetRx,
        NetTx = info.NetTx,
        Status = nameof(ContainerStatusKind.Running),
        MemoryText = ByteText.Pair(info.MemoryUsage, info.MemoryLimit),
        NetIOText = ByteText.Pair(info.NetRx, info.NetTx),
        BlockIOText = ByteText.Pair(info.BlockRead, info.BlockWrite),
    };

    /// <summary>A stopped container's record: zero use, as the docker daemon answers stats for a container that does not run.</summary>
    public static ContainerStats ToIdleStats(ContainerInfo info) => new()
    {
        Timestamp = DateTime.Now,
        ContainerId = info.Id,
        Name = info.Name,
        Status = info.Status.ToString(),
        MemoryText = ByteText.Pair(0, 0),
        NetIOText = ByteText.Pair(0, 0),
        BlockIOText = ByteText.Pair(0, 0),
    };

    public static ContainerLogRecord ToLogRecord(ContainerLogEntry entry) => new()
    {
        Timestamp = entry.Timestamp.LocalDateTime,
        Stream = entry.Stream.ToString(),
        Message = entry.Message,
        ContainerId = entry.ContainerId,
    };
}
