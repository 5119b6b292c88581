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

    public ContainerLifecycleTests()
    {
        var layout = new StoreLayout(_root);
        _store = new ContainerStore(layout);
        _state = new StateRoot(_root);
        _supervisor = new RecordingSupervisor(_state);
        _lifecycle = new ContainerLifecycle(_store, _state, _supervisor, new ContainerNetworking(_store, new NetworkStore(layout), _state));
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
}
