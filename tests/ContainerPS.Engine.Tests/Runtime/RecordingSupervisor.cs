using ContainerPS.Runtime.Contract;
using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Tests.Runtime;

/// <summary>
/// A supervisor that records the calls the lifecycle makes and plays the real one's part in the state directory: a
/// start writes "running" (this test process stands in for the container's init, so the state is live), a signal the
/// container obeys writes "stopped", delete removes the state.
/// </summary>
internal sealed class RecordingSupervisor(StateRoot stateRoot) : ISupervisorClient
{
    public List<string> Calls { get; } = [];

    /// <summary>Create and start fail as a supervisor does when the container's program is missing.</summary>
    public bool FailStart { get; set; }

    /// <summary>The signals the container's process exits on; SIGKILL always ends it.</summary>
    public HashSet<string> ExitsOn { get; } = ["SIGKILL"];

    public void CreateStarted(string id, string bundle)
    {
        Calls.Add($"create-started {id}");
        Run(id, bundle);
    }

    public void Create(string id, string bundle)
    {
        Calls.Add($"create {id}");
        WriteState(id, ContainerStatus.Created, bundle);
    }

    public void Start(string id)
    {
        Calls.Add($"start {id}");
        Run(id, "");
    }

    public void Release(PendingSupervisor pending, string id) => throw new NotSupportedException("the lifecycle tests start without a pending supervisor");

    /// <summary>A frozen container takes signals but acts on them only once thawed, except SIGKILL, which thaws it (as the shim's kill).</summary>
    public bool Kill(string id, string signal)
    {
        Calls.Add($"kill {id} {signal}");
        var status = stateRoot.Read(id)?.Status;
        if (status is not (ContainerStatus.Running or ContainerStatus.Paused)) return false;
        if (status == ContainerStatus.Paused && signal != "SIGKILL") return true;
        PausedMarker.Clear(stateRoot.DirectoryOf(id));
        if (ExitsOn.Contains(signal)) WriteState(id, ContainerStatus.Stopped, "", exitCode: 137);
        return true;
    }

    public void Pause(string id)
    {
        Calls.Add($"pause {id}");
        PausedMarker.Set(stateRoot.DirectoryOf(id));
    }

    public void Resume(string id)
    {
        Calls.Add($"resume {id}");
        PausedMarker.Clear(stateRoot.DirectoryOf(id));
    }

    /// <summary>The last update's resources, as the shim would have written them.</summary>
    public ResourcesSpec? Updated { get; private set; }

    public void Update(string id, ResourcesSpec resources)
    {
        Calls.Add($"update {id}");
        Updated = resources;
    }

    public void Delete(string id, bool force)
    {
        Calls.Add(force ? $"delete --force {id}" : $"delete {id}");
        if (Directory.Exists(stateRoot.DirectoryOf(id))) Directory.Delete(stateRoot.DirectoryOf(id), recursive: true);
    }

    private void Run(string id, string bundle)
    {
        WriteState(id, ContainerStatus.Creating, bundle);
        if (FailStart) throw Fail.NotFound("ContainerCommandNotFound", "step 'execve /bin/nope' failed: errno 2 (ENOENT)", id);
        WriteState(id, ContainerStatus.Running, bundle);
    }

    private void WriteState(string id, string status, string bundle, int? exitCode = null)
    {
        var self = Environment.ProcessId;
        var state = new ContainerState
        {
            Id = id,
            Status = status,
            Bundle = bundle,
            Pid = status == ContainerStatus.Stopped ? 0 : self,
            PidStartTime = ProcessStartTime.Read(self) ?? 0,
            ExitCode = exitCode,
        };
        Directory.CreateDirectory(stateRoot.DirectoryOf(id));
        var file = Path.Combine(stateRoot.DirectoryOf(id), "state.json");
        File.WriteAllBytes(file + ".tmp", JsonSerializer.SerializeToUtf8Bytes(state, RuntimeJsonContext.Default.ContainerState));
        File.Move(file + ".tmp", file, overwrite: true);
    }
}
