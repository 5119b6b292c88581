using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// `exec --tty` (docker exec -it): the process gets a pty from the container's own devpts as its stdin, stdout,
/// stderr and controlling terminal; the shim connects it to its own terminal in raw mode, follows resizes, and exits
/// with the process's code. process.terminal in the process object does the same.
/// </summary>
public sealed class ExecTerminalTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("cps-exec-tty-").FullName;

    private string StatusFile => Path.Combine(_work, "status");

    /// <summary>A running container whose init sleeps, without a terminal of its own; the id.</summary>
    private string StartContainer() => _shim.StartDetached(_bundle, "sleep 100000");

    private string WriteProcess(ProcessSpec process)
    {
        string file = Path.Combine(_work, "process.json");
        File.WriteAllText(file, JsonSerializer.Serialize(process, RuntimeJsonContext.Default.ProcessSpec));
        return file;
    }

    private static ProcessSpec Process(params string[] args) => BusyboxBundle.DefaultSpec("").Process with { Args = [.. args] };

    [Fact]
    public void Exec_tty_gives_a_shell_a_container_pty_with_resizes_and_ctrl_c_and_returns_its_exit_code()
    {
        string id = StartContainer();
        using var terminal = new TestTerminal(rows: 30, columns: 100);
        using var exec = StartExec(terminal, id, WriteProcess(Process("sh")));

        Assert.True(terminal.WaitFor("/ # "), terminal.Screen);
        // `tty` finds its name only if the slave exists in the container's /dev/pts (the host's would not).
        terminal.Type("for fd in 0 1 2; do test -t $fd && echo tty-$fd; done; tty; stty size\r");
        Assert.True(terminal.WaitFor("tty-0\r\ntty-1\r\ntty-2\r\n/dev/pts/"), terminal.Screen);
        Assert.True(terminal.WaitFor("30 100"), terminal.Screen);
        // The leader of its own session, with the pty as controlling terminal (tty_nr is not 0).
        int mark = terminal.Screen.Length;
        terminal.Type("set -- $(cat /proc/$$/stat); echo pid=$1 sid=$6 tty_nr=$7 end-$((2*3))\r");
        Assert.True(terminal.WaitFor("end-6", mark), terminal.Screen);
        Assert.Matches(@"pid=(\d+) sid=\1 tty_nr=[1-9]\d*", terminal.Screen[mark..]);

        // The window grows: the exec shim gets SIGWINCH and passes the size on to the container's pty.
        terminal.Resize(rows: 40, columns: 120);
        Assert.True(TypeUntilSeen(terminal, "stty size\r", "40 120"), terminal.Screen);

        // Ctrl+C in raw mode is the byte 0x03; the container's line discipline makes it SIGINT for the sleep.
        mark = terminal.Screen.Length;
        string seconds = Random.Shared.Next(10_000, 99_999).ToString();
        terminal.Type($"sleep {seconds}\r");
        WaitForCommandLine($"sleep\0{seconds}\0");
        terminal.Type("\x03");
        // The shell goes on (an interactive shell drops the rest of an interrupted line, so ask in a new one).
        terminal.Type("echo after-$?\r");
        Assert.True(terminal.WaitFor("after-130", mark), terminal.Screen);

        terminal.Type("exit 5\r");
        Assert.True(exec.WaitForExit(Limit), terminal.Screen);
        Assert.Equal(5, exec.ExitCode);
        Assert.Equal("exited 5", File.ReadAllText(StatusFile).TrimEnd('\n'));
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);
    }

    [Fact]
    public void Process_terminal_in_the_process_object_runs_on_a_pty_without_a_terminal_on_stdin()
    {
        string id = StartContainer();
        var process = Process("sh", "-c", "test -t 0 && test -t 1 && echo on-a-tty; tty; exit 7") with { Terminal = true };

        var result = _shim.Invoke("exec", "--process", WriteProcess(process), "--status-file", StatusFile, id);

        Assert.Equal(7, result.ExitCode);
        // \r\n: the pty's ONLCR, as on any terminal.
        Assert.StartsWith("on-a-tty\r\n", result.Stdout);
        Assert.Matches(@"^/dev/pts/\d+\r$", result.Stdout.Split('\n')[1]);
        Assert.Equal("exited 7", File.ReadAllText(StatusFile).TrimEnd('\n'));
    }

    [Fact]
    public void A_missing_program_with_a_tty_is_still_a_setup_failure_with_127()
    {
        string id = StartContainer();

        var result = _shim.Invoke("exec", "--tty", "--process", WriteProcess(Process("no-such-program")), "--status-file", StatusFile, id);

        Assert.Equal(127, result.ExitCode);
        Assert.StartsWith("failed 127 step 'execve", File.ReadAllText(StatusFile));
    }

    /// <summary>
    /// `exec --tty` on the test terminal's slave, in a new session whose controlling terminal it is (setsid --ctty),
    /// so the kernel sends it SIGWINCH when the test resizes the terminal.
    /// </summary>
    private Process StartExec(TestTerminal terminal, string id, string processFile)
    {
        string command = $"exec setsid --wait --ctty '{ShimBinary.Path}' --root '{_shim.Root}' exec --tty --process '{processFile}' " +
            $"--status-file '{StatusFile}' {id} <{terminal.SlavePath} >{terminal.SlavePath} 2>&1";
        return System.Diagnostics.Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]))!;
    }

    /// <summary>A resize reaches the container asynchronously (a signal): type again until the output shows it.</summary>
    private static bool TypeUntilSeen(TestTerminal terminal, string keys, string expected)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            int mark = terminal.Screen.Length;
            terminal.Type(keys);
            if (terminal.WaitFor(expected, mark, TimeSpan.FromSeconds(2))) return true;
        }
        return false;
    }

    /// <summary>Waits (bounded) until some process runs exactly <paramref name="commandLine"/> (NUL-separated, as /proc/PID/cmdline).</summary>
    private static void WaitForCommandLine(string commandLine)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")) == commandLine) return;
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            Thread.Sleep(20);
        }
        Assert.Fail($"no process runs '{commandLine.Replace('\0', ' ')}'");
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
