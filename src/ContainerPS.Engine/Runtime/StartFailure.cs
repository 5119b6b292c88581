using System.Text.Json.Serialization;
using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Contract;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Why the last start of a container failed, kept in its container.json (the supervisor's state goes with the failed
/// start), as docker keeps State.Error and State.ExitCode: the exit code is docker run's for a command that never ran
/// (docker run reference, "Exit status": 126 it cannot be invoked, 127 it is not found), null for any other failure.
/// </summary>
public sealed record StartFailure
{
    [JsonPropertyName("error")] public required string Error { get; init; }

    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }

    /// <summary>The error of a create or start that the supervisor failed with <paramref name="shimExitCode"/>: ContainerCommandNotFound, ContainerCommandNotExecutable, or null for another failure.</summary>
    public static ContainerPSException? CommandError(int shimExitCode, string id, string reason, Exception inner) => shimExitCode switch
    {
        SupervisorExitCodes.CommandNotFound => Fail.NotFound("ContainerCommandNotFound", $"Container {ContainerIds.Short(id)} could not start: its command was not found ({reason}).", id, inner),
        SupervisorExitCodes.CannotExecute => Fail.FailedPrecondition("ContainerCommandNotExecutable", $"Container {ContainerIds.Short(id)} could not start: its command could not be executed ({reason}).", id, inner),
        _ => null,
    };

    /// <summary>What a failed start leaves on the record.</summary>
    public static StartFailure Of(ContainerPSException error) => new()
    {
        Error = error.Message,
        ExitCode = error.ErrorId switch
        {
            "ContainerCommandNotFound" => SupervisorExitCodes.CommandNotFound,
            "ContainerCommandNotExecutable" => SupervisorExitCodes.CannotExecute,
            _ => null,
        },
    };
}
