using System.Text.Json;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// runc's command line as containerd-shim-runc-v2, conmon and the OCI conformance suite call it: global --log and
/// --log-format, create's --pid-file, --preserve-fds and pass-through stdio, ps, pause/resume, kill --all and exec's
/// args form with --detach and --pid-file.
/// </summary>
public sealed class RuncCommandLineTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("cps-runc-cli-").FullName;

    private string File_(string name) => Path.Combine(_work, name);

    /// <summary>`create` through sh with its stdio on files of the test's work directory and <paramref name="redirects"/> added.</summary>
    private ShimResult CreateThroughShell(string id, string options = "", string redirects = "")
    {
        string command = $"\"$0\" --root {_shim.Root} create --bundle {_bundle.Path} {options} {id} <{File_("in")} >{File_("out")} 2>{File_("err")} {redirects}";
        return Shim.Execute("/bin/sh", ["-c", command, ShimBinary.Path]);
    }

    private string RunToEnd(string script, string options = "", string redirects = "")
    {
        _bundle.Write(BusyboxBundle.DefaultSpec(script));
        File.WriteAllText(File_("in"), "from-stdin\n");
        string id = _shim.NewId();
        var created = CreateThroughShell(id, options, redirects);
        Assert.True(created.ExitCode == 0, created.ToString() + File.ReadAllText(File_("err")));
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(ContainerStatus.Stopped, _shim.WaitFor(id, ContainerStatus.Stopped).Status);
        return id;
    }

    [Fact]
    public void Without_the_log_annotation_the_container_has_the_stdio_of_the_create_call()
    {
        RunToEnd("read line; echo \"out:$line\"; echo err >&2");

        Assert.Equal("out:from-stdin\n", File.ReadAllText(File_("out")));
        Assert.Equal("err\n", File.ReadAllText(File_("err")));
    }

    [Fact]
    public void Pid_file_holds_the_pid_of_the_init_as_state_reports_it()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("sleep 60"));
        string id = _shim.NewId();
        string pidFile = File_("pid");

        var created = _shim.Invoke("create", "--bundle", _bundle.Path, "--pid-file", pidFile, id);

        Assert.True(created.ExitCode == 0, created.ToString());
        var state = _shim.State(id);
        Assert.Equal(state.Pid.ToString(), File.ReadAllText(pidFile));
        // runc's callers reap that pid (they are child subreapers): it is not the supervisor's child.
        Assert.NotEqual(state.SupervisorPid, ParentOf(state.Pid));
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(0, _shim.Invoke("kill", id, "KILL").ExitCode);
        var stopped = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.Equal(ContainerStatus.Stopped, stopped.Status);
        Assert.Null(stopped.ExitCode);
    }

    [Theory]
    [InlineData("/no/such/program", "look-up /no/such/program", "errno 2 (ENOENT): no such file or directory")]
    [InlineData("no-such-program", "look-up /bin/no-such-program", "errno 2 (ENOENT): no such file or directory")]
    [InlineData("/etc/passwd", "look-up /etc/passwd", "errno 13 (EACCES): permission denied")]
    public void Create_with_a_pid_file_fails_for_a_program_it_cannot_execute_and_leaves_nothing(string program, string step, string reason)
    {
        var spec = BusyboxBundle.DefaultSpec("unused");
        _bundle.Write(spec with { Process = spec.Process with { Args = [program], Env = ["PATH=/usr/bin:/bin"] } });
        string id = _shim.NewId();

        var created = _shim.Invoke("create", "--bundle", _bundle.Path, "--pid-file", File_("pid"), id);

        Assert.Equal(SupervisorExitCodes.Failure, created.ExitCode);
        Assert.Contains($"step '{step}' failed: {reason}", created.Stderr);
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("state", id).ExitCode);
        Assert.False(File.Exists(File_("pid")));
    }

    [Fact]
    public void Create_with_a_pid_file_finds_a_program_on_a_later_PATH_entry()
    {
        var spec = BusyboxBundle.DefaultSpec("unused");
        _bundle.Write(spec with { Process = spec.Process with { Args = ["true"], Env = ["PATH=/nowhere:/bin"] } });
        string id = _shim.NewId();

        var created = _shim.Invoke("create", "--bundle", _bundle.Path, "--pid-file", File_("pid"), id);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(0, _shim.Invoke("start", id).ExitCode);
        Assert.Equal(ContainerStatus.Stopped, _shim.WaitFor(id, ContainerStatus.Stopped).Status);
    }

    private static int ParentOf(int pid) =>
        int.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("PPid:", StringComparison.Ordinal))[5..].Trim());

    [Fact]
    public void Preserve_fds_passes_the_callers_fd_3_on()
    {
        RunToEnd("echo to-fd3 >&3", "--preserve-fds 1", $"3>{File_("fd3")}");

        Assert.Equal("to-fd3\n", File.ReadAllText(File_("fd3")));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public void Errors_go_to_the_log_file_in_runcs_format_and_to_stderr(string format)
    {
        string log = File_("log");

        var result = _shim.Invoke("--log", log, "--log-format", format, "start", "no-such-container");

        Assert.Equal(SupervisorExitCodes.NotFound, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
        string line = File.ReadAllLines(log).Single();
        if (format == "json")
        {
            using var entry = JsonDocument.Parse(line);
            Assert.Equal("error", entry.RootElement.GetProperty("level").GetString());
            Assert.Contains("does not exist", entry.RootElement.GetProperty("msg").GetString());
            Assert.True(DateTimeOffset.TryParse(entry.RootElement.GetProperty("time").GetString(), out _));
        }
        else Assert.Matches("^time=\"[^\"]+\" level=error msg=\".*does not exist.*\"$", line);
    }

    [Fact]
    public void A_detached_create_that_fails_writes_its_error_to_the_log_file()
    {
        string log = File_("log");

        var result = _shim.Invoke("--log", log, "--log-format", "json", "create", "--bundle", File_("no-bundle"), _shim.NewId());

        Assert.Equal(SupervisorExitCodes.Failure, result.ExitCode);
        Assert.Contains("config.json", File.ReadAllText(log));
    }

    [Fact]
    public void The_systemd_cgroup_driver_is_refused_at_create_and_checkpoint_is_not_supported()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("true"));

        var systemd = _shim.Invoke("--systemd-cgroup", "create", "--bundle", _bundle.Path, _shim.NewId());
        var checkpoint = _shim.Invoke("checkpoint", "x");

        Assert.Equal(SupervisorExitCodes.Unsupported, systemd.ExitCode);
        Assert.Contains("systemd cgroup driver is not supported", systemd.Stderr);
        Assert.Equal(SupervisorExitCodes.Unsupported, checkpoint.ExitCode);
    }

    [Fact]
    public void Ps_pause_resume_and_kill_all_act_on_the_containers_cgroup()
    {
        string id = _shim.StartDetached(_bundle, "sleep 60 & sleep 60");
        int init = _shim.State(id).Pid;

        var ps = _shim.Invoke("ps", "--format", "json", id);
        Assert.True(ps.ExitCode == 0, ps.ToString());
        var pids = JsonSerializer.Deserialize<int[]>(ps.Stdout)!;
        Assert.Contains(init, pids);
        Assert.True(pids.Length >= 2, ps.Stdout);

        Assert.Equal(0, _shim.Invoke("pause", id).ExitCode);
        Assert.Equal("paused", _shim.State(id).Status);
        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("pause", id).ExitCode);
        Assert.Equal(0, _shim.Invoke("resume", id).ExitCode);
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);

        Assert.Equal(0, _shim.Invoke("kill", "--all", id, "KILL").ExitCode);
        Assert.Equal(ContainerStatus.Stopped, _shim.WaitFor(id, ContainerStatus.Stopped).Status);
    }

    [Fact]
    public void Delete_force_of_a_paused_container_kills_it()
    {
        string id = _shim.StartDetached(_bundle, "sleep 60");
        Assert.Equal(0, _shim.Invoke("pause", id).ExitCode);

        Assert.Equal(SupervisorExitCodes.WrongState, _shim.Invoke("delete", id).ExitCode);
        var deleted = _shim.Invoke("delete", "--force", id);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("state", id).ExitCode);
    }

    [Fact]
    public void Delete_force_of_a_container_that_does_not_exist_succeeds_as_runcs()
    {
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("delete", "no-such-container").ExitCode);
        Assert.Equal(0, _shim.Invoke("delete", "--force", "no-such-container").ExitCode);
    }

    [Fact]
    public void Exec_takes_the_command_as_arguments_with_env_and_cwd()
    {
        string id = _shim.StartDetached(_bundle, "sleep 60");

        var result = _shim.Invoke("exec", "--env", "GREETING=hi", "--cwd", "/bin", id, "sh", "-c", "echo $GREETING $(pwd)");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hi /bin\n", result.Stdout);
    }

    [Fact]
    public void Exec_detach_returns_at_once_and_writes_the_pid_file()
    {
        string id = _shim.StartDetached(_bundle, "sleep 60");
        string pidFile = File_("exec.pid");

        // The detached process keeps exec's stdio (runc's pass-through): not the test's pipes, then.
        var result = Shim.Execute("/bin/sh", ["-c", $"\"$0\" --root {_shim.Root} exec --detach --pid-file {pidFile} {id} sleep 30 </dev/null >/dev/null 2>&1", ShimBinary.Path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        int pid = int.Parse(File.ReadAllText(pidFile));
        Assert.Contains("sleep", File.ReadAllText($"/proc/{pid}/cmdline"));
        var pids = JsonSerializer.Deserialize<int[]>(_shim.Invoke("ps", "--format", "json", id).Stdout)!;
        Assert.Contains(pid, pids);
    }

    // containerd-shim-runc-v2 gives every runtime the same root (/run/containerd/runc/<namespace>), so a state
    // directory there may be runc's: its state.json (libcontainer's format, no ociVersion) is refused by state and by
    // delete --force alike, and left where it is.
    [Fact]
    public void A_state_json_that_runc_wrote_is_refused_not_read_as_a_stopped_container()
    {
        string id = _shim.NewId();
        string directory = Directory.CreateDirectory(Path.Combine(_shim.Root, id)).FullName;
        string stateFile = Path.Combine(directory, "state.json");
        File.WriteAllText(stateFile, $$"""{"id":"{{id}}","init_process_pid":{{Environment.ProcessId}},"init_process_start":1,"config":{"rootfs":"/"},"created":"2026-01-01T00:00:00Z"}""");

        var state = _shim.Invoke("state", id);
        var delete = _shim.Invoke("delete", "--force", id);

        Assert.True(state.ExitCode == SupervisorExitCodes.Failure, state.ToString());
        Assert.Contains("ociVersion", state.Stderr);
        Assert.True(delete.ExitCode == SupervisorExitCodes.Failure, delete.ToString());
        Assert.True(File.Exists(stateFile));
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
