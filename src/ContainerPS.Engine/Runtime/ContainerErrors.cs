using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>The container errors that more than one place raises, so their ids and kinds stay the same everywhere.</summary>
internal static class ContainerErrors
{
    public static ContainerPSException NotFound(string nameOrId) =>
        Fail.NotFound("ContainerNotFound", $"No container '{nameOrId}'.", nameOrId);

    public static ContainerPSException NotRunning(ContainerRecord record) =>
        Fail.FailedPrecondition("ContainerNotRunning", $"Container '{record.Name}' is not running.", record.Name);

    public static ContainerPSException AlreadyRunning(ContainerRecord record) =>
        Fail.Conflict("ContainerAlreadyRunning", $"Container '{record.Name}' is already running.", record.Name);

    public static ContainerPSException Running(ContainerRecord record) =>
        Fail.FailedPrecondition("ContainerRunning", $"Container '{record.Name}' is running: stop it first, or use -Force.", record.Name);

    public static ContainerPSException Paused(ContainerRecord record) =>
        Fail.FailedPrecondition("ContainerPaused", $"Container '{record.Name}' is paused: resume it first (Resume-Container).", record.Name);

    public static ContainerPSException NotPaused(ContainerRecord record) =>
        Fail.FailedPrecondition("ContainerNotPaused", $"Container '{record.Name}' is not paused.", record.Name);

    public static ContainerPSException NameInUse(string name) =>
        Fail.Conflict("ContainerNameInUse", $"The name '{name}' is already used by another container; choose another or use -Replace.", name);
}
