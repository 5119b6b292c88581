using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Tests;

/// <summary>io.containerps.init=true: a reaping init as PID 1 (docker run --init).</summary>
public sealed class InitTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private static RuntimeSpec WithInit(string script, string? log = null)
    {
        var annotations = new Dictionary<string, string> { [Annotations.Init] = "true" };
        if (log is not null) annotations[Annotations.LogPath] = log;
        return BusyboxBundle.DefaultSpec(script) with { Annotations = annotations };
    }

    [Fact]
    public void The_process_runs_under_an_init_and_its_exit_status_comes_through()
    {
        var result = _shim.RunSpec(_bundle, WithInit("echo $$; exit 7"), out string id);
        Assert.Equal(7, result.ExitCode);
        Assert.Equal(["2"], result.Lines);
        Assert.Equal(7, _shim.State(id).ExitCode);
    }

    /// <summary>
    /// Makes an orphan: its parent sh has exited (the command substitution waits for it) before the orphan is let go
    /// (/tmp/go); then waits, bounded, until it is gone or a zombie, and prints its state: "gone" or "Z".
    /// </summary>
    private const string Orphan =
        "sh -c '(while [ ! -e /tmp/go ]; do sleep 0.01; done) & echo $! > /tmp/orphan'; p=$(cat /tmp/orphan); touch /tmp/go; i=0; " +
        "while [ -e /proc/$p ] && [ \"$(cut -d' ' -f3 /proc/$p/stat)\" != Z ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i+1)); done; " +
        "if [ -e /proc/$p ]; then cut -d' ' -f3 /proc/$p/stat; else echo gone; fi";

    [Fact]
    public void Orphans_are_reaped()
    {
        Assert.Equal(["gone"], _shim.RunSpec(_bundle, WithInit(Orphan), out _).Lines);
    }

    [Fact]
    public void Without_init_the_same_orphan_stays_a_zombie()
    {
        // The control for the test above. PID 1 is a program that never reaps (exec sleep), the script runs beside it.
        File.WriteAllText(Path.Combine(_bundle.Rootfs, "orphan.sh"), Orphan);
        var result = _shim.RunSpec(_bundle, BusyboxBundle.DefaultSpec("sh /orphan.sh & exec sleep 3"), out _);
        Assert.Equal(["Z"], result.Lines);
    }

    [Fact]
    public void Signals_are_forwarded_to_the_process()
    {
        string log = Path.Combine(_bundle.Path, "ctr.log");
        _bundle.Write(WithInit("trap 'exit 42' TERM; echo ready; while true; do sleep 0.05; done", log));
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--bundle", _bundle.Path, id).ExitCode);
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Shim.WaitForLine(log, "ready");
        Assert.Equal(0, _shim.Invoke("kill", id, "TERM").ExitCode);
        Assert.Equal(42, _shim.WaitFor(id, ContainerStatus.Stopped).ExitCode);
    }

    [Fact]
    public void A_process_killed_by_a_signal_gives_128_plus_the_signal()
    {
        Assert.Equal(137, _shim.RunSpec(_bundle, WithInit("kill -9 $$"), out _).ExitCode);
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
