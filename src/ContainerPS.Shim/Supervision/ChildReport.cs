namespace ContainerPS.Shim.Supervision;

/// <summary>
/// What the child writes on its error pipe: {step index, errno}. errno 0 is "ready: waiting for start"; EOF (the
/// pipe is CLOEXEC) is "execve succeeded".
/// </summary>
internal readonly record struct ChildReport(long Step, long Errno)
{
    public const int Size = 16;

    public bool IsReady => Errno == 0;

    public static unsafe ChildReport? Read(int fd)
    {
        long* record = stackalloc long[2];
        int total = 0;
        while (total < Size)
        {
            nint read = Native.Sys.Read(fd, (byte*)record + total, (nuint)(Size - total));
            if (read < 0 && Native.Sys.LastError == Native.Linux.EINTR) continue;
            if (read <= 0) break;
            total += (int)read;
        }
        return total == Size ? new ChildReport(record[0], record[1]) : null;
    }
}
