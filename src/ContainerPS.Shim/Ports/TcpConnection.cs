using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// One accepted client and its connection to the target: first the non-blocking connect (POLLOUT, then SO_ERROR,
/// connect(2)), then bytes both ways. It ends when both ways are done (each side has closed its write half) or
/// when either fails; a target that refuses the connection closes the client's.
/// </summary>
internal sealed class TcpConnection(int client, int target) : IPollParticipant, IDisposable
{
    private const int Connecting = 0, UpstreamRead = 1, UpstreamWrite = 2, DownstreamRead = 3, DownstreamWrite = 4;
    private readonly TcpDirection _upstream = new(client, target);
    private readonly TcpDirection _downstream = new(target, client);
    private bool _connected, _refused, _disposed;

    public bool Ended => _refused || _upstream.Failed || _downstream.Failed || (_upstream.Done && _downstream.Done);

    public void AddTo(PollList list)
    {
        if (Ended) return;
        if (!_connected)
        {
            list.Add(target, SocketCalls.POLLOUT, this, Connecting);
            return;
        }
        _upstream.AddTo(list, this, UpstreamRead, UpstreamWrite);
        _downstream.AddTo(list, this, DownstreamRead, DownstreamWrite);
    }

    public void OnReady(int tag, short revents)
    {
        switch (tag)
        {
            case Connecting:
                _connected = PortSocket.PendingError(target) == 0;
                _refused = !_connected;
                break;
            case UpstreamRead: _upstream.OnReadable(); break;
            case UpstreamWrite: _upstream.Flush(); break;
            case DownstreamRead: _downstream.OnReadable(); break;
            case DownstreamWrite: _downstream.Flush(); break;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Sys.Close(client);
        Sys.Close(target);
        _upstream.Dispose();
        _downstream.Dispose();
    }
}
