using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Tests;

/// <summary>create, start, state, kill, delete as the runtime CLI contract describes them.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private string LogPath => Path.Combine(_bundle.Path, "ctr.log");

    private string Create(string script)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        _bundle.Write(spec with { Annotations = new() { [Runtime.Spec.Annotations.LogPath] = LogPath } });
        string id = _shim.NewId();
        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);
        Assert.True(result.ExitCode == 0, result.ToString());
        return id;
    }

    [Fact]
    public void A_container_goes_from_created_to_running_to_stopped_with_its_exit_code()
    {
        string id = Create("read line < /dev/stdin; exit 3");
        var created = _shim.State(id);
        Assert.Equal(ContainerStatus.Created, created.Status);
        Assert.True(created.Pid > 0 && created.PidStartTime > 0 && created.SupervisorPid > 0 && created.Created is not null);
        Assert.Null(created.Started);
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        var stopped = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.Equal(ContainerStatus.Stopped, stopped.Status);
        Assert.Equal(3, stopped.ExitCode);
        Assert.False(stopped.OomKilled);
        Assert.True(stopped.Started is not null && stopped.Finished >= stopped.Started);
    }

    [Fact]
    public void Start_returns_once_the_container_is_running()
    {
        string id = Create("sleep 60");
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);
        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("start", id).ExitCode);
    }

    [Fact]
    public void Create_with_start_returns_once_the_container_is_running_and_needs_no_start()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("sleep 60"));
        string id = _shim.NewId();

        var create = _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id);

        Assert.True(create.ExitCode == 0, create.ToString());
        var running = _shim.State(id);
        Assert.Equal(ContainerStatus.Running, running.Status);
        Assert.True(running.Pid > 0 && running.Started is not null);
        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("start", id).ExitCode);
    }

    [Theory]
    [InlineData("/no/such/program", 127, "errno 2 (ENOENT)")]
    [InlineData("/etc", 126, "errno 13 (EACCES)")]
    public void Create_with_start_of_a_program_that_cannot_be_executed_fails_with_docker_s_exit_code_and_is_recorded(string program, int exitCode, string reason)
    {
        var spec = BusyboxBundle.DefaultSpec("unused");
        _bundle.Write(spec with { Process = spec.Process with { Args = [program] } });
        string id = _shim.NewId();

        var create = _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id);

        Assert.Equal(exitCode, create.ExitCode);
        Assert.Contains($"step 'execve {program}' failed: {reason}", create.Stderr);
        var stopped = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.Equal(exitCode, stopped.ExitCode);
        Assert.Contains(reason, stopped.Error);
    }

    [Theory]
    [InlineData("KILL", 137)]
    [InlineData("9", 137)]
    [InlineData("SIGTERM", 42)]
    [InlineData("TERM", 42)]
    public void Kill_sends_the_signal_to_the_containers_init(string signal, int exitCode)
    {
        string id = Create("trap 'exit 42' TERM; echo ready; while true; do sleep 0.05; done");
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Shim.WaitForLine(LogPath, "ready"); // the trap is set
        Assert.Equal(0, _shim.Invoke("kill", id, signal).ExitCode);
        var stopped = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.True(stopped.ExitCode == exitCode, $"{stopped.Status} {stopped.ExitCode} {stopped.Error} {File.ReadAllText(LogPath)}");
        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("kill", id, "KILL").ExitCode);
    }

    [Fact]
    public void Delete_refuses_a_running_container_without_force_and_removes_everything_with_it()
    {
        string id = Create("sleep 60");
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        var state = _shim.State(id);
        Assert.NotEmpty(Shim.CgroupDirectories(id));
        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("delete", id).ExitCode);
        Assert.Equal(0, _shim.Invoke("delete", "--force", id).ExitCode);
        Assert.Empty(Shim.CgroupDirectories(id));
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
        Assert.False(Directory.Exists($"/proc/{state.Pid}") && File.ReadAllText($"/proc/{state.Pid}/stat").Contains("(sleep)"));
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("state", id).ExitCode);
    }

    [Fact]
    public void Delete_of_a_created_container_kills_its_waiting_child()
    {
        string id = Create("true");
        int pid = _shim.State(id).Pid;
        Assert.Equal(0, _shim.Invoke("delete", id).ExitCode);
        Assert.Empty(Shim.CgroupDirectories(id));
        Assert.False(File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Contains("containerps"));
    }

    [Fact]
    public void Errors_have_distinct_exit_codes()
    {
        string id = Create("sleep 60");
        _bundle.Write(BusyboxBundle.DefaultSpec("true"));
        Assert.Equal(SupervisorExitCodes.AlreadyExists, _shim.Invoke("create", "--bundle", _bundle.Path, id).ExitCode);
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("state", "no-such-container").ExitCode);
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("kill", "no-such-container").ExitCode);
        Assert.Equal(SupervisorExitCodes.Usage, _shim.Invoke("state", "../escape").ExitCode);
        Assert.Equal(SupervisorExitCodes.Usage, _shim.Invoke("kill", id, "NOSUCHSIGNAL").ExitCode);
        Assert.Equal(SupervisorExitCodes.Usage, _shim.Invoke("frobnicate", id).ExitCode);
    }

    [Fact]
    public void A_program_that_cannot_be_executed_fails_start_and_is_recorded()
    {
        // With a monitor (the engine's way) the execve's own failure is what start reports.
        var spec = BusyboxBundle.DefaultSpec("unused");
        _bundle.Write(spec with { Process = spec.Process with { Args = ["/no/such/program"] }, Annotations = new() { [Runtime.Spec.Annotations.LogPath] = LogPath } });
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--bundle", _bundle.Path, id).ExitCode);
        var start = _shim.Invoke("start", id);
        Assert.Equal(127, start.ExitCode);
        Assert.Contains("step 'execve /no/such/program' failed: errno 2 (ENOENT)", start.Stderr);
        var state = _shim.State(id);
        Assert.Equal(ContainerStatus.Stopped, state.Status);
        Assert.Equal(127, state.ExitCode);
    }

    [Fact]
    public void A_bundle_without_a_valid_config_is_refused_before_anything_is_created()
    {
        File.WriteAllText(Path.Combine(_bundle.Path, "config.json"), "{ not json");
        string id = _shim.NewId();
        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("config.json", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
    }

    [Fact]
    public void A_minimal_config_with_only_the_required_fields_runs()
    {
        File.WriteAllText(Path.Combine(_bundle.Path, "config.json"),
            """{"ociVersion": "1.0.2", "process": {"args": ["/bin/id"]}, "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "mount"}]}}""");
        var result = _shim.Run(_bundle, _shim.NewId());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["uid=0(root) gid=0(root)"], result.Lines);
    }

    /// <summary>The bundle with the log annotation: a monitor stays (MonitorNeed).</summary>
    private void WriteMonitored(string script) =>
        _bundle.Write(BusyboxBundle.DefaultSpec(script) with { Annotations = new() { [Runtime.Spec.Annotations.LogPath] = LogPath } });

    [Fact]
    public void The_supervisor_outlives_the_process_tree_that_created_the_container()
    {
        WriteMonitored("read line < /dev/stdin; exit 5");
        string id = _shim.NewId();
        // The creating shell is killed right after create returns; the supervisor has its own session. The container
        // would get the shell's stdio (runc's pass-through): not the test's pipes, which would stay open until it exits.
        var created = Shim.Execute("/bin/sh", ["-c", $"\"$0\" --root {_shim.Root} create --bundle {_bundle.Path} {id} </dev/null >/dev/null 2>&1 && kill -9 $$", ShimBinary.Path]);
        Assert.Equal(137, created.ExitCode);
        var state = _shim.State(id);
        Assert.Equal(ContainerStatus.Created, state.Status);
        Assert.True(File.Exists($"/proc/{state.SupervisorPid}/stat"));
        Assert.NotEqual(Environment.ProcessId, ParentOf(state.SupervisorPid));
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(5, _shim.WaitFor(id, ContainerStatus.Stopped).ExitCode);
    }

    [Fact]
    public void When_the_supervisor_is_killed_the_container_can_still_be_killed_and_deleted()
    {
        string id = Create("sleep 600");
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        var running = _shim.State(id);
        using (var supervisor = System.Diagnostics.Process.GetProcessById(running.SupervisorPid))
        {
            supervisor.Kill();
            supervisor.WaitForExit();
        }
        // The init outlives its supervisor; state.json still says running, and that is the truth.
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);
        Assert.Equal(0, _shim.Invoke("kill", id, "KILL").ExitCode);
        var stopped = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.Equal(ContainerStatus.Stopped, stopped.Status);
        Assert.Null(stopped.ExitCode);
        Assert.NotNull(stopped.Error);
        Assert.NotEmpty(Shim.CgroupDirectories(id));
        Assert.Equal(0, _shim.Invoke("delete", id).ExitCode);
        Assert.Empty(Shim.CgroupDirectories(id));
    }

    [Fact]
    public void Create_reads_its_options_in_every_spelling_and_leaves_a_supervisor_in_a_session_of_its_own()
    {
        // native/detach.c finds the command before .NET starts, by the rules Cli/CommandLine.cs parses with.
        WriteMonitored("sleep 60");
        string id = _shim.NewId();

        var created = Shim.Execute(ShimBinary.Path, ["--log", "/dev/null", $"--root={_shim.Root}", "create", "-b", _bundle.Path, id]);

        Assert.True(created.ExitCode == 0, created.ToString());
        var state = _shim.State(id);
        Assert.Equal(ContainerStatus.Created, state.Status);
        Assert.Equal(state.SupervisorPid, StatField(state.SupervisorPid, 3)); // the session id is its own pid
        Assert.Equal(0, _shim.Invoke("delete", "--force", id).ExitCode);
    }

    [Fact]
    public void A_create_that_fails_before_the_supervisor_starts_its_work_reports_the_error_to_the_caller()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("true"));

        var missingId = _shim.Invoke("create", "--bundle", _bundle.Path);

        Assert.Equal(SupervisorExitCodes.Usage, missingId.ExitCode);
        Assert.Contains("a container id is required", missingId.Stderr);
    }

    [Fact]
    public void Create_waiting_for_the_bundle_reads_it_once_the_caller_says_it_is_written()
    {
        string id = _shim.NewId();

        // The bundle has no config.json when the supervisor starts; it is written before the go byte, as the engine does.
        var created = Shim.Execute(ShimBinary.Path, ["--root", _shim.Root, "create", "--start", "--wait-for-bundle", "--bundle", _bundle.Path, id],
            stdin =>
            {
                _bundle.Write(BusyboxBundle.DefaultSpec("sleep 60"));
                stdin.WriteByte(1);
            });

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);
        Assert.Equal(0, _shim.Invoke("delete", "--force", id).ExitCode);
    }

    [Fact]
    public void Create_waiting_for_the_bundle_gives_up_on_eof_and_leaves_nothing()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("true"));
        string id = _shim.NewId();

        var created = _shim.Invoke("create", "--start", "--wait-for-bundle", "--bundle", _bundle.Path, id);

        Assert.Equal(1, created.ExitCode);
        Assert.Contains("gave up before the bundle was ready", created.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
        Assert.Empty(Shim.CgroupDirectories(id));
    }

    [Fact]
    public void Without_a_monitor_create_leaves_only_the_init_and_start_state_and_delete_need_no_process_of_ours()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("sleep 60"));
        string id = _shim.NewId();
        // The creating shell is killed after create returns: the init must not depend on it, as with runc.
        var created = Shim.Execute("/bin/sh", ["-c", $"\"$0\" --root {_shim.Root} create --bundle {_bundle.Path} {id} </dev/null >/dev/null 2>&1 && kill -9 $$", ShimBinary.Path]);
        Assert.Equal(137, created.ExitCode);
        var state = _shim.State(id);
        Assert.Equal(ContainerStatus.Created, state.Status);
        Assert.Equal(0, state.SupervisorPid);
        Assert.Empty(ShimProcessesFor(id, except: state.Pid)); // the init is a clone: its command line is create's until it execs
        Assert.NotEqual(Environment.ProcessId, ParentOf(state.Pid));

        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);
        Assert.False(File.Exists(Path.Combine(_shim.Root, id, "start.fifo")));
        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(0, _shim.Invoke("kill", id, "KILL").ExitCode);
        var stopped = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.Null(stopped.ExitCode); // only the caller that reaps the init learns it, as with runc
        Assert.Null(stopped.Error);
        Assert.NotEmpty(Shim.CgroupDirectories(id)); // kept until delete, as runc keeps it
        Assert.Equal(0, _shim.Invoke("delete", id).ExitCode);
        Assert.Empty(Shim.CgroupDirectories(id));
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
    }

    [Fact]
    public void Without_a_monitor_create_refuses_a_program_that_cannot_be_found_as_runc_does()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("true") with { Process = BusyboxBundle.DefaultSpec("true").Process with { Args = ["/no/such/program"] } });
        string id = _shim.NewId();

        var create = _shim.Invoke("create", "--bundle", _bundle.Path, id);

        Assert.Equal(1, create.ExitCode);
        Assert.Contains("step 'look-up /no/such/program' failed: errno 2 (ENOENT): no such file or directory", create.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
        Assert.Empty(Shim.CgroupDirectories(id));
    }

    [Fact]
    public void Without_a_monitor_delete_force_kills_a_created_container_and_waits_for_its_end()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("sleep 60"));
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--bundle", _bundle.Path, id).ExitCode);
        int pid = _shim.State(id).Pid;

        Assert.Equal(0, _shim.Invoke("delete", "--force", id).ExitCode);

        Assert.False(File.Exists($"/proc/{pid}/stat") && StatState(pid) is not ('Z' or 'X'));
        Assert.Empty(Shim.CgroupDirectories(id));
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
    }

    /// <summary>Processes whose command line is a `create` of the container, but <paramref name="except"/>.</summary>
    private static List<int> ShimProcessesFor(string id, int except) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => int.TryParse(name, out _)).Select(name => int.Parse(name!))
            .Where(pid => pid != except && ReadCmdline(pid) is var line && line.Contains(id) && line.Contains(" create "))];

    private static string ReadCmdline(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }

    private static char StatState(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    private static int ParentOf(int pid) => StatField(pid, 1);

    /// <summary>A numeric field of /proc/PID/stat after the command name: 1 ppid, 2 pgrp, 3 session.</summary>
    private static int StatField(int pid, int index)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index]);
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
