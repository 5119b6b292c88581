using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The engine's side of the process boundary to a container's supervisor (src/ContainerPS.Shim/README.md): the calls
/// <see cref="ContainerLifecycle"/> makes. <see cref="ShimClient"/> runs the real supervisor; tests give the lifecycle
/// a recording fake, so its rules (locks, failed starts, stop escalation, removal) get fast unit tests beside the
/// end-to-end ones.
/// </summary>
internal interface ISupervisorClient
{
    /// <summary>Creates and runs the container of the bundle at once (<c>create --start</c>).</summary>
    void CreateStarted(string id, string bundle);

    /// <summary>Sets the container up; it waits for <see cref="Start"/>.</summary>
    void Create(string id, string bundle);

    /// <summary>Runs a created container's process.</summary>
    void Start(string id);

    /// <summary>Releases a supervisor started before its bundle was written (<c>create --start --wait-for-bundle</c>).</summary>
    void Release(PendingSupervisor pending, string id);

    /// <summary>Signals the container's init; false when it was not running.</summary>
    bool Kill(string id, string signal);

    /// <summary>Freezes every process of a running container (<c>pause</c>).</summary>
    void Pause(string id);

    /// <summary>Thaws a paused container (<c>resume</c>).</summary>
    void Resume(string id);

    /// <summary>New cgroup limits for a live container (<c>update --resources -</c>); fields left null stay as they are.</summary>
    void Update(string id, ResourcesSpec resources);

    /// <summary>Removes the supervisor's state; <paramref name="force"/> kills a running container first.</summary>
    void Delete(string id, bool force);
}
