using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Networking;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Store;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Runtime;

/// <summary>
/// The lifecycle's rules with a recording supervisor (no container runs): what each operation asks the supervisor
/// for, in which state, and what a failed start leaves. The real supervisor is exercised end to end by the Pester
/// suites and ContainerPS.Shim.Tests.
/// </summary>
public sealed class ContainerLifecycleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lifecycle-").FullName;
    private readonly ContainerStore _store;
    private readonly StateRoot _state;
    private readonly RecordingSupervisor _supervisor;
    private readonly ContainerLifecycle _lifecycle;
    private readonly ContainerUpdater _updater;

    public ContainerLifecycleTests()
    {
        var layout = new StoreLayout(_root);
        _store = new ContainerStore(layout);
        _state = new StateRoot(_root);
        _supervisor = new RecordingSupervisor(_state);
        _lifecycle = new ContainerLifecycle(_store, _state, _supervisor, new ContainerNetworking(_store, new NetworkStore(layout), _state));
        _updater = new ContainerUpdater(_store, _state, _supervisor);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state.Path)) Directory.Delete(_state.Path, recursive: true);
        Directory.Delete(_root, recursive: true);
    }

    private ContainerRecord NewContainer(bool autoRemove = false)
    {
        var id = ContainerIds.New();
        var paths = _store.CreateDirectory(id);
        BundleSpec.Write(paths, new RuntimeSpec { Process = new ProcessSpec { Args = ["true"], Cwd = "/" } });
        var record = new ContainerRecord
        {
            Id = id, Name = $"c{id[..6]}", Image = "i", ImageId = "sha256:00", Created = DateTimeOffset.UtcNow, Command = ["true"],
            Hostname = id[..12], StopSignal = "SIGTERM",
            Options = new CreateOptions { Image = "i", Network = NetworkNames.None, AutoRemove = autoRemove },
        };
        _store.Write(record);
        return record;
    }

    [Fact]
    public void A_new_container_is_created_and_started_in_one_supervisor_call()
    {
        var record = NewContainer();
        _lifecycle.Start(record, CancellationToken.None);
        Assert.Equal([$"create-started {record.Id}"], _supervisor.Calls);
        Assert.Equal(ContainerStatusKind.Running, LiveStatus.Of(_state.Read(record.Id)));
    }

    [Fact]
    public void A_running_container_is_not_started_again()
    {
        var record = NewContainer();
        _lifecycle.Start(record, CancellationToken.None);
        var error = Assert.Throws<ContainerPSException>(() => _lifecycle.Start(record, CancellationToken.None));
        Assert.Equal("ContainerAlreadyRunning", error.ErrorId);
        Assert.Single(_supervisor.Calls);
    }

    [Fact]
    public void A_created_container_is_started_without_a_new_supervisor()
    {
        var record = NewContainer();
        _lifecycle.Start(record, CancellationToken.None, runAtOnce: false);
        _lifecycle.Start(record, CancellationToken.None);
        Assert.Equal([$"create {record.Id}", $"start {record.Id}"], _supervisor.Calls);
    }

    [Fact]
    public void A_failed_start_leaves_no_state_and_is_recorded_on_the_container()
    {
        var record = NewContainer();
        _supervisor.FailStart = true;
        var error = Assert.Throws<ContainerPSException>(() => _lifecycle.Start(record, CancellationToken.None));
        Assert.Equal("ContainerCommandNotFound", error.ErrorId);
        Assert.Equal([$"create-started {record.Id}", $"delete --force {record.Id}"], _supervisor.Calls);
        Assert.False(_state.Exists(record.Id));
        Assert.NotNull(_store.TryRead(record.Id)!.StartFailure);
    }

    [Fact]
    public void An_auto_remove_container_whose_start_fails_is_removed()
    {
        var record = NewContainer(autoRemove: true);
        _supervisor.FailStart = true;
        Assert.Throws<ContainerPSException>(() => _lifecycle.Start(record, CancellationToken.None));
        Assert.Null(_store.TryRead(record.Id));
    }

    [Fact]
    public void Stop_sends_the_stop_signal_and_nothing_more_when_the_container_obeys()
    {
        var record = NewContainer();
        _supervisor.ExitsOn.Add("SIGTERM");
        _lifecycle.Start(record, CancellationToken.None);
        _lifecycle.Stop(record, TimeSpan.FromSeconds(10), signal: null, CancellationToken.None);
        Assert.Equal([$"create-started {record.Id}", $"kill {record.Id} SIGTERM"], _supervisor.Calls);
    }

    [Fact]
    public void Stop_kills_a_container_that_ignores_the_stop_signal_after_the_timeout()
    {
        var record = NewContainer();
        _lifecycle.Start(record, CancellationToken.None);
        _lifecycle.Stop(record, TimeSpan.FromMilliseconds(50), signal: "SIGINT", CancellationToken.None);
        Assert.Equal([$"create-started {record.Id}", $"kill {record.Id} SIGINT", $"kill {record.Id} SIGKILL"], _supervisor.Calls);
        Assert.Equal(ContainerStatusKind.Exited, LiveStatus.Of(_state.Read(record.Id)));
    }

    [Fact]
    public void Stopping_a_container_that_is_not_running_asks_the_supervisor_nothing()
    {
        var record = NewContainer();
        _lifecycle.Stop(record, TimeSpan.FromSeconds(1), signal: null, CancellationToken.None);
        Assert.Empty(_supervisor.Calls);
    }

    [Fact]
    public void A_running_container_is_removed_only_with_force()
    {
        var record = NewContainer();
        _lifecycle.Start(record, CancellationToken.None);
        var error = Assert.Throws<ContainerPSException>(() => _lifecycle.Remove(record, force: false, CancellationToken.None));
        Assert.Equal("ContainerRunning", error.ErrorId);
        Assert.NotNull(_store.TryRead(record.Id));

        _lifecycle.Remove(record, force: true, CancellationToken.None);
        Assert.Equal($"delete --force {record.Id}", _supervisor.Calls[^1]);
        Assert.Null(_store.TryRead(record.Id));
        Assert.False(_state.Exists(record.Id));
    }

    [Fact]
    public void A_stopped_container_is_removed_without_a_supervisor_call()
    {
        var record = NewContainer();
        _supervisor.ExitsOn.Add("SIGTERM");
        _lifecycle.Start(record, CancellationToken.None);
        _lifecycle.Stop(record, TimeSpan.FromSeconds(10), signal: null, CancellationToken.None);
        var calls = _supervisor.Calls.Count;
        _lifecycle.Remove(record, force: false, CancellationToken.None);
        Assert.Equal(calls, _supervisor.Calls.Count);
        Assert.Null(_store.TryRead(record.Id));
    }

    private ContainerRecord Running()
    {
        var record = NewContainer();
        _lifecycle.Start(record, CancellationToken.None);
        return record;
    }

    private ContainerRecord Paused()
    {
        var record = Running();
        _lifecycle.Pause(record, CancellationToken.None);
        return record;
    }

    private string ErrorOf(Action action) => Assert.Throws<ContainerPSException>(action).ErrorId;

    [Fact]
    public void A_paused_container_is_paused_until_resumed()
    {
        var record = Paused();
        Assert.Equal(ContainerStatusKind.Paused, LiveStatus.Of(_state.Read(record.Id)));
        Assert.True(LiveStatus.IsLive(_state.Read(record.Id)));
        _lifecycle.Resume(record, CancellationToken.None);
        Assert.Equal(ContainerStatusKind.Running, LiveStatus.Of(_state.Read(record.Id)));
        Assert.Equal([$"create-started {record.Id}", $"pause {record.Id}", $"resume {record.Id}"], _supervisor.Calls);
    }

    [Fact]
    public void Pause_and_resume_refuse_the_wrong_states_without_a_supervisor_call()
    {
        var created = NewContainer();
        Assert.Equal("ContainerNotRunning", ErrorOf(() => _lifecycle.Pause(created, CancellationToken.None)));
        var running = Running();
        Assert.Equal("ContainerNotPaused", ErrorOf(() => _lifecycle.Resume(running, CancellationToken.None)));
        var paused = Paused();
        Assert.Equal("ContainerPaused", ErrorOf(() => _lifecycle.Pause(paused, CancellationToken.None)));
        Assert.Equal("ContainerPaused", ErrorOf(() => _lifecycle.Start(paused, CancellationToken.None)));
        Assert.DoesNotContain(_supervisor.Calls, c => c.StartsWith("resume", StringComparison.Ordinal) || c == $"pause {running.Id}");
    }

    [Fact]
    public void Stop_resumes_a_paused_container_after_the_signal_so_it_can_obey()
    {
        var record = Paused();
        _supervisor.ExitsOn.Add("SIGTERM");
        _lifecycle.Stop(record, TimeSpan.FromMilliseconds(50), signal: null, CancellationToken.None);
        // The fake drops a signal sent while frozen (SIGKILL aside), so SIGKILL follows the timeout: what counts is the resume right after the signal.
        Assert.Equal([$"kill {record.Id} SIGTERM", $"resume {record.Id}", $"kill {record.Id} SIGKILL"], _supervisor.Calls[2..]);
        Assert.Equal(ContainerStatusKind.Exited, LiveStatus.Of(_state.Read(record.Id)));
    }

    [Fact]
    public void A_paused_container_is_removed_only_with_force()
    {
        var record = Paused();
        Assert.Equal("ContainerRunning", ErrorOf(() => _lifecycle.Remove(record, force: false, CancellationToken.None)));
        _lifecycle.Remove(record, force: true, CancellationToken.None);
        Assert.Equal($"delete --force {record.Id}", _supervisor.Calls[^1]);
        Assert.Null(_store.TryRead(record.Id));
    }

    [Fact]
    public void An_update_of_a_running_container_goes_to_its_cgroup_and_is_kept_for_the_next_start()
    {
        var record = Running();
        var updated = _updater.Update(record, new ContainerLimits { Memory = 64 << 20, PidsLimit = 50 }, CancellationToken.None);
        Assert.Equal($"update {record.Id}", _supervisor.Calls[^1]);
        Assert.Equal(64L << 20, _supervisor.Updated!.Memory!.Limit);
        Assert.Equal(128L << 20, _supervisor.Updated.Memory.Swap); // docker's default: as much swap again
        Assert.Null(_supervisor.Updated.Devices); // the device rules stay the supervisor's
        Assert.Equal(50, _store.TryRead(record.Id)!.Options.Limits.PidsLimit);
        var spec = BundleSpec.Read(_store.PathsOf(record.Id));
        Assert.Equal(64L << 20, spec.Linux.Resources!.Memory!.Limit);
        Assert.Equal(50, spec.Linux.Resources.Pids!.Limit);
        Assert.Equal(updated.Options.Limits, _store.TryRead(record.Id)!.Options.Limits);
    }

    [Fact]
    public void An_update_keeps_the_limits_it_does_not_name()
    {
        var record = NewContainer();
        _updater.Update(record, new ContainerLimits { Memory = 64 << 20, MemorySwap = 100 << 20, Cpus = 0.5 }, CancellationToken.None);
        var limits = _updater.Update(record, new ContainerLimits { CpuShares = 512 }, CancellationToken.None).Options.Limits;
        Assert.Equal(new ContainerLimits { Memory = 64 << 20, MemorySwap = 100 << 20, Cpus = 0.5, CpuShares = 512 }, limits);
        Assert.Empty(_supervisor.Calls); // not running: nothing to tell a supervisor
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var record = Running();
        Assert.Equal("MemoryLimitTooLow", ErrorOf(() => _updater.Update(record, new ContainerLimits { Memory = 1 << 20 }, CancellationToken.None)));
        Assert.Equal(new ContainerLimits(), _store.TryRead(record.Id)!.Options.Limits);
        Assert.DoesNotContain(_supervisor.Calls, c => c.StartsWith("update", StringComparison.Ordinal));
    }
}
