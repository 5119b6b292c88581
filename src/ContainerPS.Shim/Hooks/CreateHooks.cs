using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Hooks;

/// <summary>
/// The hooks of `create` (runtime.md "Lifecycle", steps 3-6). Before the clone: validate them, save them for start
/// and delete (<see cref="SavedHooks"/>), prepare the child's part (<see cref="Child"/>: createContainer,
/// startContainer) and a pipe the child waits on. After the clone, while the child waits with its namespaces made
/// and before its pivot_root: prestart, then createRuntime, in the runtime namespace (this process); a failure
/// throws, so the create fails and the caller's cleanup removes everything (Supervisor.Abandon).
/// </summary>
internal sealed class CreateHooks : IDisposable
{
    private readonly HooksSpec? _hooks;
    private int _runtimeHooksDone;

    private CreateHooks(HooksSpec? hooks, ChildHooks? child, int runtimeHooksDone)
    {
        _hooks = hooks;
        Child = child;
        _runtimeHooksDone = runtimeHooksDone;
    }

    /// <summary>For ChildPlanInput.Hooks; null without hooks.</summary>
    public ChildHooks? Child { get; }

    /// <param name="childOnly">Gets the child's end of the pipe (the supervisor closes it after the clone).</param>
    /// <param name="supervisorOnly">Gets the supervisor's end (the child closes its copy first).</param>
    public static CreateHooks Prepare(RuntimeSpec spec, StateDirectory directory, string bundle, List<int> childOnly, List<int> supervisorOnly)
    {
        var hooks = spec.Hooks;
        HookValidation.Validate(hooks);
        if (hooks is null) return new CreateHooks(null, null, -1);
        SavedHooks.Save(directory, hooks);
        int doneRead = -1, doneWrite = -1;
        if (hooks.Prestart is { Count: > 0 } || hooks.CreateRuntime is { Count: > 0 })
        {
            var done = Pipe.Create();
            (doneRead, doneWrite) = (done.Read, done.Write);
            childOnly.Add(doneRead);
            supervisorOnly.Add(doneWrite);
        }
        var state = new ContainerState { Id = directory.Id, Bundle = bundle, Annotations = spec.Annotations };
        var child = new ChildHooks(
            doneRead,
            hooks.CreateContainer ?? [], HookStateJson.PidHead(state, ContainerStatus.Creating),
            hooks.StartContainer ?? [], HookStateJson.PidHead(state, ContainerStatus.Created));
        return new CreateHooks(hooks, child, doneWrite);
    }

    /// <summary>
    /// prestart (deprecated) and createRuntime with the init's pid (<paramref name="record"/>.Pid), then lets the
    /// child go on. The state says created, as runtime-tools' hooks_stdin expects of prestart (runc says creating).
    /// </summary>
    public void AfterClone(ContainerState record)
    {
        if (_runtimeHooksDone < 0) return;
        byte[] state = HookStateJson.Of(record, ContainerStatus.Created);
        HookRunner.RunOrThrow(HookKinds.Prestart, _hooks!.Prestart, state);
        HookRunner.RunOrThrow(HookKinds.CreateRuntime, _hooks.CreateRuntime, state);
        Pipe.WriteByte(_runtimeHooksDone);
        Pipe.Close(ref _runtimeHooksDone);
    }

    public void Dispose() => Pipe.Close(ref _runtimeHooksDone);
}
