using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// The poll(2) set of one turn of the proxy loop: every participant adds the descriptors it waits on this turn
/// with a tag of its own, and hears back through <see cref="IPollParticipant.OnReady"/>. Rebuilt every turn, so
/// what a socket waits for (read or write) follows its buffers without bookkeeping; the arrays are reused.
/// </summary>
internal sealed unsafe class PollList
{
    private PollFd[] _fds = new PollFd[16];
    private (IPollParticipant Owner, int Tag)[] _owners = new (IPollParticipant, int)[16];
    private int _count;

    public void Clear() => _count = 0;

    public void Add(int fd, short events, IPollParticipant owner, int tag)
    {
        if (_count == _fds.Length)
        {
            Array.Resize(ref _fds, _count * 2);
            Array.Resize(ref _owners, _count * 2);
        }
        _fds[_count] = new PollFd { Fd = fd, Events = events };
        _owners[_count++] = (owner, tag);
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1: forever), then tells each ready owner.</summary>
    public void Wait(int timeoutMilliseconds)
    {
        int ready;
        fixed (PollFd* fds = _fds) ready = Sys.Poll(fds, (nuint)_count, timeoutMilliseconds);
        if (ready < 0)
        {
            if (Sys.LastError == Linux.EINTR) return;
            throw new ShimException(ExitCodes.Failure, $"poll: {Errno.Describe(Sys.LastError)}");
        }
        for (int i = 0; i < _count && ready > 0; i++)
        {
            if (_fds[i].Revents == 0) continue;
            ready--;
            _owners[i].Owner.OnReady(_owners[i].Tag, _fds[i].Revents);
        }
    }
}
