using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>pipe2(2) with O_CLOEXEC: the child gets copies at clone time anyway, and execve closes them.</summary>
internal readonly record struct Pipe(int Read, int Write)
{
    public static unsafe Pipe Create()
    {
        int* fds = stackalloc int[2];
        if (Sys.Pipe2(fds, Linux.O_CLOEXEC) != 0) throw new ShimException(ExitCodes.Failure, $"pipe2: {Errno.Describe(Sys.LastError)}");
        return new Pipe(fds[0], fds[1]);
    }

    public static unsafe void WriteByte(int fd)
    {
        byte one = 1;
        while (Sys.Write(fd, &one, 1) < 0 && Sys.LastError == Linux.EINTR) { }
    }

    public static void Close(ref int fd)
    {
        if (fd >= 0) Sys.Close(fd);
        fd = -1;
    }
}
