namespace ContainerPS;

/// <summary>
/// The short texts the docker ps-like table shows ("Up 5 minutes", "Exited (137) 2 hours ago"). Public because the
/// format view calls it: <c>[ContainerPS.ContainerDisplay]::Status($_)</c>.
/// </summary>
public static class ContainerDisplay
{
    public static string Status(Container container) => container.Status switch
    {
        "Running" => container.StartedAt is { } started ? $"Up {Duration(DateTime.Now - started)}" : "Up",
        "Exited" => $"Exited ({container.ExitCode?.ToString() ?? "?"}){(container.OOMKilled ? " OOM" : "")}" +
                    (container.FinishedAt is { } finished ? $" {Ago(finished)}" : ""),
        _ => container.Status,
    };

    /// <summary>docker ps's PORTS column: <c>0.0.0.0:8080-&gt;80/tcp, 127.0.0.1:5353-&gt;53/udp</c>.</summary>
    public static string Ports(Container container) => string.Join(", ", container.Ports.Select(p => p.ToString()));

    public static string Ago(DateTime time) => $"{Duration(DateTime.Now - time)} ago";

    /// <summary>docker's rough durations: seconds, minutes, hours up to two days, then days.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => $"{Math.Max(1, (int)span.TotalSeconds)} seconds",
        { TotalMinutes: < 60 } => $"{(int)span.TotalMinutes} minutes",
        { TotalHours: < 48 } => $"{(int)span.TotalHours} hours",
        _ => $"{(int)span.TotalDays} days",
    };

    /// <summary>The command in quotes, cut to docker's 20 characters.</summary>
    public static string Command(Container container)
    {
        var command = string.Join(' ', container.Command);
        return command.Length > 20 ? $"\"{command[..19]}…\"" : $"\"{command}\"";
    }

    /// <summary>Bytes as docker stats shows them: B, KiB, MiB, GiB.</summary>
    public static string Bytes(ulong bytes) => bytes switch
    {
        < 1024 => $"{bytes}B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.##}KiB",
        < 1024UL * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.##}MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##}GiB",
    };
}
