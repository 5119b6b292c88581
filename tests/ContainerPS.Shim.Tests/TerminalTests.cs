using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Tests;

/// <summary>process.terminal: the container's pty, its log while nobody is attached, and `attach` from a terminal.</summary>
public sealed class TerminalTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private string LogPath => Path.Combine(_bundle.Path, "ctr.log");

    private string CreateTerminal(List<string> args, bool start)
    {
        var spec = BusyboxBundle.DefaultSpec("") with { Annotations = new() { [Annotations.LogPath] = LogPath } };
        _bundle.Write(spec with { Process = spec.Process with { Terminal = true, Args = args } });
        string id = _shim.NewId();
        var result = start ? _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id) : _shim.Invoke("create", "--bundle", _bundle.Path, id);
        Assert.True(result.ExitCode == 0, result.ToString());
        return id;
    }

    private string LoggedText() =>
        string.Concat(File.ReadAllLines(LogPath).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("log").GetString()));

    [Fact]
    public void The_process_has_a_container_pty_on_0_to_2_as_controlling_terminal_of_its_own_session_and_is_logged_while_detached()
    {
        string id = CreateTerminal(["sh", "-c",
            "for fd in 0 1 2; do test -t $fd && echo tty-$fd; done; tty; set -- $(cat /proc/$$/stat); echo pid=$1 sid=$6 tty_nr=$7"], start: true);
        var state = _shim.WaitFor(id, ContainerStatus.Stopped);
        Assert.Equal(0, state.ExitCode);

        string logged = LoggedText();
        Assert.Contains("tty-0\r\ntty-1\r\ntty-2\r\n", logged); // \r\n: the pty's ONLCR, as on any terminal
        Assert.Matches(@"(?m)^/dev/pts/\d+\r$", logged);
        // sh is PID 1, the leader of its session (sid = pid), with a controlling terminal (tty_nr is not 0).
        Assert.Matches(@"pid=1 sid=1 tty_nr=[1-9]\d*", logged);
    }

    [Fact]
    public void Attach_to_a_container_without_a_terminal_fails()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("sleep 100"));
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id).ExitCode);
        var result = _shim.Invoke("attach", id);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("has no terminal", result.Stderr);
    }

    [Fact]
    public void Attach_gives_the_terminal_to_the_shell_with_resizes_and_ctrl_c_and_returns_its_exit_code()
    {
        string id = CreateTerminal(["sh"], start: false);
        using var terminal = new TestTerminal(rows: 30, columns: 100);
        using var attach = StartAttach(terminal, id);

        // attach --start attached before the start: the shell's first prompt is on the screen, not in the log.
        Assert.True(terminal.WaitFor("/ # "), terminal.Screen);
        terminal.Type("echo hello-$((6*7)); stty size\r");
        Assert.True(terminal.WaitFor("hello-42\r\n30 100"), terminal.Screen);

        // The window grows: the attach client gets SIGWINCH and passes the size on to the container's pty.
        terminal.Resize(rows: 40, columns: 120);
        Assert.True(TypeUntilSeen(terminal, "stty size\r", "40 120"), terminal.Screen);

        // Ctrl+C in raw mode is the byte 0x03; the container's line discipline makes it SIGINT for the sleep.
        int mark = terminal.Screen.Length;
        terminal.Type("sleep 100\r");
        WaitForProcess(_shim.State(id).Pid, "sleep");
        terminal.Type("\x03");
        // The shell goes on (an interactive shell drops the rest of an interrupted line, so ask in a new one).
        terminal.Type("echo after-$?\r");
        Assert.True(terminal.WaitFor("after-130", mark), terminal.Screen);

        terminal.Type("exit 3\r");
        Assert.True(attach.WaitForExit(Limit), terminal.Screen);
        Assert.Equal(3, attach.ExitCode);
        Assert.Equal(3, _shim.State(id).ExitCode);
        Assert.DoesNotContain("hello-42", File.Exists(LogPath) ? LoggedText() : "");
    }

    [Fact]
    public void Ctrl_p_ctrl_q_detaches_the_container_runs_on_and_its_output_is_logged_again()
    {
        string id = CreateTerminal(["sh", "-c", "read word; while :; do echo tick-$word; sleep 0.1; done"], start: true);
        using var terminal = new TestTerminal(rows: 24, columns: 80);
        using var attach = StartAttach(terminal, id, start: false);
        terminal.Type("x\r");
        Assert.True(terminal.WaitFor("tick-x"), terminal.Screen);

        terminal.Type("\x10\x11");
        Assert.True(attach.WaitForExit(Limit), terminal.Screen);
        Assert.Equal(0, attach.ExitCode);
        Assert.Equal(ContainerStatus.Running, _shim.State(id).Status);
        // The client has gone: the supervisor reads the pty into the log again.
        Shim.WaitForLine(LogPath, "tick-x");
        Assert.Contains("tick-x", LoggedText());
    }

    /// <summary>
    /// `attach --start` on the slave, in a new session whose controlling terminal it is (setsid --ctty), so the
    /// kernel sends it SIGWINCH when the test resizes the terminal.
    /// </summary>
    private Process StartAttach(TestTerminal terminal, string id, bool start = true)
    {
        string attach = start ? "attach --start" : "attach";
        string command = $"exec setsid --wait --ctty '{ShimBinary.Path}' --root '{_shim.Root}' {attach} {id} <{terminal.SlavePath} >{terminal.SlavePath} 2>&1";
        return Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]))!;
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

    /// <summary>Waits (bounded) until a child of <paramref name="parent"/> runs <paramref name="name"/>.</summary>
    private static void WaitForProcess(int parent, string name)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
            {
                try
                {
                    string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    string afterName = stat[(stat.LastIndexOf(')') + 2)..];
                    if (stat.Contains($"({name})") && afterName.Split(' ')[1] == parent.ToString()) return;
                }
                catch (IOException) { }
            }
            Thread.Sleep(20);
        }
        Assert.Fail($"no {name} under pid {parent}");
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
