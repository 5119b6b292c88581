using ContainerPS.Engine.Runtime.Ports;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime;

/// <summary>Merges what the engine recorded at creation with what the supervisor records while the container lives.</summary>
internal static class ContainerInfoBuilder
{
    /// <summary>docker stop's default grace period.</summary>
    public const int DefaultStopTimeout = 10;

    public static ContainerInfo Build(ContainerRecord record, ContainerState? state, string? ipAddress = null)
    {
        var status = LiveStatus.Of(state);
        var security = Security.SecurityOptions.Parse(record.Options.SecurityOptions);
        return new ContainerInfo
        {
            Id = record.Id,
            Name = record.Name,
            Image = record.Image,
            ImageId = record.ImageId,
            Command = record.Command,
            Status = status,
            Pid = status is ContainerStatusKind.Running or ContainerStatusKind.Paused && state!.Pid > 0 ? state.Pid : null,
            ExitCode = status == ContainerStatusKind.Exited ? state?.ExitCode : state is null ? record.StartFailure?.ExitCode : null,
            OomKilled = status == ContainerStatusKind.Exited && state!.OomKilled,
            CreatedAt = record.Created,
            StartedAt = state?.Started,
            FinishedAt = status == ContainerStatusKind.Exited ? state?.Finished : null,
            Error = state?.Error ?? (state is null ? record.StartFailure?.Error : null),
            Hostname = record.Hostname,
            Limits = record.Options.Limits,
            Labels = record.Options.Labels,
            AutoRemove = record.Options.AutoRemove,
            Tty = record.Options.Tty,
            Interactive = record.Options.Interactive,
            StopSignal = record.StopSignal,
            StopTimeout = record.Options.StopTimeout ?? DefaultStopTimeout,
            Network = Networking.NetworkNames.Normalize(record.Options.Network),
            IPAddress = ipAddress,
            Seccomp = security.Seccomp,
            NoNewPrivileges = security.NoNewPrivileges,
            SecurityOptions = security.Normalized,
            Ports = status is not ContainerStatusKind.Exited ? PublishedPortsAnnotation.Bound(state?.PublishedPorts) : [],
        };
    }
}
