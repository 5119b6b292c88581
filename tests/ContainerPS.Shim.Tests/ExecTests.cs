using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// `exec --process P [--status-file S] ID` (src/ContainerPS.Shim/README.md): a process started in a running container
/// is in the init's namespaces and cgroup, with the process object's user, environment and working directory; the
/// exit code is the process's and the status file tells it from a setup failure; the shim that entered the container
/// runs from a sealed memfd.
/// </summary>
public sealed class ExecTests : IDisposable
{
    private static readonly string[] Namespaces = ["mnt", "uts", "ipc", "net", "pid", "cgroup"];
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("cps-exec-").FullName;

    private string StatusFile => Path.Combine(_work, "status");

    /// <summary>A running container whose init sleeps; the id.</summary>
    private string StartContainer() => _shim.StartDetached(_bundle, "sleep 100000");

    /// <summary>The container's own process, as the engine starts from it, running <paramref name="script"/>.</summary>
    private static ProcessSpec Script(string script, Func<ProcessSpec, ProcessSpec>? change = null)
    {
        var process = BusyboxBundle.DefaultSpec(script).Process;
        return change is null ? process : change(process);
    }

    private string WriteProcess(ProcessSpec process)
    {
        string file = Path.Combine(_work, "process.json");
        File.WriteAllText(file, JsonSerializer.Serialize(process, RuntimeJsonContext.Default.ProcessSpec));
        return file;
    }

    private ShimResult Exec(string id, ProcessSpec process) =>
        _shim.Invoke("exec", "--process", WriteProcess(process), "--status-file", StatusFile, id);

    private string Status => File.ReadAllText(StatusFile).TrimEnd('\n');

    private static string HostLink(string path) => new FileInfo(path).LinkTarget ?? throw new InvalidOperationException($"{path} is no link");

    [Fact]
    public void An_exec_runs_in_the_inits_namespaces_and_cgroup()
    {
        string id = StartContainer();
        int init = _shim.State(id).Pid;
        string script = string.Concat(Namespaces.Select(ns => $"readlink /proc/self/ns/{ns}; ")) + "echo $$; cat /proc/self/cgroup; echo --; cat /proc/1/cgroup";

        var result = Exec(id, Script(script));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines;
        Assert.Equal(Namespaces.Select(ns => HostLink($"/proc/{init}/ns/{ns}")), lines.Take(Namespaces.Length));
        Assert.NotEqual(HostLink("/proc/self/ns/mnt"), lines[0]);
        // Born in the container's pid namespace: a small pid there, not the host's.
        Assert.InRange(int.Parse(lines[Namespaces.Length]), 2, 50);
        var cgroups = string.Join('\n', lines.Skip(Namespaces.Length + 1)).Split("--\n");
        Assert.Equal(cgroups[1].Trim(), cgroups[0].Trim());
        Assert.Equal("exited 0", Status);
    }

    [Fact]
    public void The_process_objects_user_environment_and_working_directory_apply()
    {
        string id = StartContainer();
        var process = Script("id -u; id -g; id -G; echo \"$GREETING\"; pwd", p => p with
        {
            User = new UserSpec { Uid = 65534, Gid = 65534, AdditionalGids = [20] },
            Env = [.. p.Env, "GREETING=hello exec"],
            Cwd = "/tmp",
        });

        var result = Exec(id, process);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["65534", "65534", "65534 20", "hello exec", "/tmp"], result.Lines);
    }

    [Fact]
    public void The_process_has_no_new_privileges_and_no_inheritable_capabilities()
    {
        string id = StartContainer();

        var result = Exec(id, Script("grep -E '^(NoNewPrivs|CapInh)' /proc/self/status"));

        Assert.Equal(["CapInh:\t0000000000000000", "NoNewPrivs:\t1"], result.Lines);
    }

    [Fact]
    public void The_exit_code_is_the_processes_and_a_signal_gives_128_plus_its_number()
    {
        string id = StartContainer();

        Assert.Equal(42, Exec(id, Script("exit 42")).ExitCode);
        Assert.Equal("exited 42", Status);
        Assert.Equal(137, Exec(id, Script("kill -KILL $$")).ExitCode);
        Assert.Equal("exited 137", Status);
    }

    [Fact]
    public async Task The_process_reads_the_shims_stdin_and_writes_its_stdout_and_stderr()
    {
        string id = StartContainer();
        var start = new ProcessStartInfo(ShimBinary.Path, ["--root", _shim.Root, "exec", "--process", WriteProcess(Script("tr a-z A-Z; echo done >&2")), id])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var shim = Process.Start(start)!;
        await shim.StandardInput.WriteAsync("piped through\n");
        shim.StandardInput.Close();
        var stdout = shim.StandardOutput.ReadToEndAsync();
        string stderr = await shim.StandardError.ReadToEndAsync();
        await shim.WaitForExitAsync();

        Assert.Equal("PIPED THROUGH\n", await stdout);
        Assert.Equal("done\n", stderr);
        Assert.Equal(0, shim.ExitCode);
    }

    [Fact]
    public void A_missing_program_is_a_setup_failure_with_127_not_an_exit()
    {
        string id = StartContainer();

        var result = Exec(id, Script("") with { Args = ["no-such-program"] });

        Assert.Equal(127, result.ExitCode);
        Assert.StartsWith("failed 127 step 'execve ", Status);
        Assert.Contains("ENOENT", Status);
    }

    [Fact]
    public void An_unknown_id_gives_not_found_and_a_stopped_container_not_running()
    {
        Assert.Equal(SupervisorExitCodes.NotFound, Exec("tnosuchcontainer", Script("true")).ExitCode);
        Assert.StartsWith($"failed {SupervisorExitCodes.NotFound} ", Status);

        _bundle.Write(BusyboxBundle.DefaultSpec("true"));
        string stopped = _shim.NewId();
        Assert.Equal(0, _shim.Run(_bundle, stopped).ExitCode);
        Assert.Equal(SupervisorExitCodes.WrongState, Exec(stopped, Script("true")).ExitCode);
        Assert.StartsWith($"failed {SupervisorExitCodes.WrongState} ", Status);
    }

    [Fact]
    public void A_pid_whose_start_time_is_not_the_recorded_one_is_never_joined()
    {
        string id = StartContainer();
        string stateFile = Path.Combine(_shim.Root, id, "state.json");
        byte[] original = File.ReadAllBytes(stateFile);
        var state = JsonSerializer.Deserialize(original, RuntimeJsonContext.Default.ContainerState)!;
        try
        {
            // As if the init had exited and the kernel had given its pid to another process.
            File.WriteAllText(stateFile, JsonSerializer.Serialize(state with { PidStartTime = state.PidStartTime + 1 }, RuntimeJsonContext.Default.ContainerState));

            var result = Exec(id, Script("echo joined"));

            Assert.Equal(SupervisorExitCodes.WrongState, result.ExitCode);
            Assert.DoesNotContain("joined", result.Stdout);
        }
        finally { File.WriteAllBytes(stateFile, original); }
    }

    [Fact]
    public void The_shim_that_enters_runs_from_a_sealed_memfd_and_its_process_dies_with_it()
    {
        string id = StartContainer();
        var start = new ProcessStartInfo(ShimBinary.Path, ["--root", _shim.Root, "exec", "--process", WriteProcess(Script("exec sleep 100000")), id])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var shim = Process.Start(start)!;
        int child = WaitForChild(shim.Id);

        Assert.StartsWith("/memfd:containerps-shim", HostLink($"/proc/{shim.Id}/exe"));
        Assert.ThrowsAny<IOException>(() => File.OpenWrite($"/proc/{shim.Id}/exe").Dispose());
        Assert.Equal(File.ReadAllBytes(ShimBinary.Path), File.ReadAllBytes($"/proc/{shim.Id}/exe"));

        shim.Kill();
        shim.WaitForExit();
        Assert.True(WaitUntilGone(child), $"the exec'd process {child} outlived its shim");
    }

    /// <summary>The shim's child once it has exec'd the process (bounded wait for an event, not a timing).</summary>
    private static int WaitForChild(int shim)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            foreach (string task in Directory.GetDirectories($"/proc/{shim}/task"))
            {
                string children = File.ReadAllText(Path.Combine(task, "children")).Trim();
                if (children.Length > 0 && int.TryParse(children.Split(' ')[0], out int pid) && HostLink($"/proc/{pid}/exe").EndsWith("busybox")) return pid;
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException("the exec'd process never started");
    }

    private static bool WaitUntilGone(int pid)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (!File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ")) return true;
            Thread.Sleep(10);
        }
        return false;
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
