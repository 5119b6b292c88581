using ContainerPS.Shim.Child;
using ContainerPS.Shim.Logging;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// The supervisor's side of process.terminal: it receives the pty master from the child (TerminalSteps), keeps it,
/// and hands it to `attach` clients over attach.sock in the state directory (SCM_RIGHTS). While no client is
/// attached it drains the master into the log (or discards it without one), so the container never blocks on a
/// full pty; while a client is connected the client owns the terminal and the supervisor does not read it.
/// With runc's --console-socket the master is sent to that socket instead (runc/docs/terminals.md: one message, the
/// fd as SCM_RIGHTS ancillary data) and the supervisor keeps no copy: the caller owns the terminal from then on.
/// </summary>
internal sealed unsafe class TerminalHost(JsonFileLogWriter? log, string? consoleSocket = null) : IDisposable
{
    /// <summary>Connections beyond this are refused (closed at once); it bounds the supervisor's poll set.</summary>
    public const int MaxClients = 8;

    /// <summary>How many poll entries <see cref="AddPollFds"/> may use.</summary>
    public const int PollFdCount = 2 + MaxClients;

    private readonly List<int> _clients = [];
    private int _socket = -1, _listener = -1;
    private string? _socketPath;
    private LogPump? _output;

    public static string SocketPath(StateDirectory state) => Path.Combine(state.Path, ContainerPS.Runtime.Contract.StateFiles.AttachSocket);

    /// <summary>The socket pair and the reserved fd, before the clone; the child's fds go to <paramref name="childOnly"/>.</summary>
    public ChildTerminal PrepareForChild(List<int> childOnly, List<int> supervisorOnly)
    {
        var channel = PtyChannel.Open();
        _socket = channel.Socket;
        childOnly.AddRange(channel.ChildFds);
        supervisorOnly.Add(_socket);
        return channel.Child;
    }

    /// <summary>After the child reported ready: take the master it sent and listen on attach.sock.</summary>
    public void Start(StateDirectory state)
    {
        int master = FdPassing.Receive(_socket) ?? throw new ShimException(ExitCodes.Failure, "the container's setup sent no pty master");
        Pipe.Close(ref _socket);
        if (consoleSocket is not null)
        {
            SendToConsoleSocket(master);
            return;
        }
        // Non-blocking: a client that detached may still read it, and the supervisor must never block on a read.
        TerminalCalls.Fcntl(master, TerminalCalls.F_SETFL, TerminalCalls.Fcntl(master, TerminalCalls.F_GETFL, 0) | Linux.O_NONBLOCK);
        _output = new LogPump(master, "stdout", log);
        _socketPath = SocketPath(state);
        _listener = UnixSocket.Listen(_socketPath);
    }

    private void SendToConsoleSocket(int master)
    {
        try
        {
            int socket = UnixSocket.Connect(consoleSocket!)
                ?? throw new ShimException(ExitCodes.Failure, $"--console-socket {consoleSocket}: {Errno.Describe(Sys.LastError)}");
            try
            {
                if (!FdPassing.Send(socket, master)) throw new ShimException(ExitCodes.Failure, $"--console-socket {consoleSocket}: the receiver went away");
            }
            finally { Sys.Close(socket); }
        }
        finally { Sys.Close(master); }
    }

    /// <summary>The listener, each client (for its hang-up) and, while none is attached, the master.</summary>
    public void AddPollFds(PollFd* fds, ref int count)
    {
        fds[count++] = new PollFd { Fd = _listener, Events = Linux.POLLIN };
        fds[count++] = new PollFd { Fd = _clients.Count == 0 && _output is { Open: true } ? _output.Fd : -1, Events = Linux.POLLIN };
        for (int i = 0; i < MaxClients; i++) fds[count++] = new PollFd { Fd = i < _clients.Count ? _clients[i] : -1, Events = Linux.POLLIN };
    }

    /// <summary>Handles the results of the entries <see cref="AddPollFds"/> added at <paramref name="fds"/>.</summary>
    public void OnPoll(PollFd* fds)
    {
        for (int i = _clients.Count - 1; i >= 0; i--) if (fds[2 + i].Revents != 0) OnClientActivity(i);
        if (fds[1].Revents != 0) _output?.Pump();
        if (fds[0].Revents != 0) Accept();
    }

    private void Accept()
    {
        int client = TerminalCalls.Accept4(_listener, null, null, TerminalCalls.SOCK_CLOEXEC | TerminalCalls.SOCK_NONBLOCK);
        if (client < 0) return;
        // No master any more (the container's process exited) or too many clients: closing says so (EOF, no fd).
        if (_output is not { Open: true } || _clients.Count >= MaxClients || !FdPassing.Send(client, _output.Fd))
        {
            Sys.Close(client);
            return;
        }
        _clients.Add(client);
    }

    /// <summary>A client sends nothing after connecting: readable means it has gone (EOF) or sent junk to ignore.</summary>
    private void OnClientActivity(int index)
    {
        byte* buffer = stackalloc byte[64];
        nint read = Sys.Read(_clients[index], buffer, 64);
        if (read > 0 || (read < 0 && Sys.LastError is Linux.EAGAIN or Linux.EINTR)) return;
        Sys.Close(_clients[index]);
        _clients.RemoveAt(index);
    }

    /// <summary>
    /// The container has exited: no more clients; the output still in the pty goes to the log unless a client is
    /// attached (it reads that itself). Bounded like the log pipes: 1 s without data ends it.
    /// </summary>
    public void Finish()
    {
        Pipe.Close(ref _listener);
        if (_socketPath is not null) File.Delete(_socketPath);
        if (_output is { Open: true } output && _clients.Count == 0)
        {
            var fd = new PollFd { Fd = output.Fd, Events = Linux.POLLIN };
            while (output.Open && Sys.Poll(&fd, 1, 1000) > 0 && output.Pump()) fd.Revents = 0;
        }
        _output?.Dispose();
    }

    public void Dispose()
    {
        _output?.Dispose();
        foreach (int client in _clients) Sys.Close(client);
        _clients.Clear();
        Pipe.Close(ref _listener);
        Pipe.Close(ref _socket);
    }
}
