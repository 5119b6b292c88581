using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Native;

/// <summary>
/// libc calls of the supervisor itself (never of the container child, which runs native/child.c only). NativeAOT
/// binds "libc" directly at link time. Failing calls return -1 and leave errno in Marshal.GetLastPInvokeError().
/// </summary>
internal static unsafe partial class Sys
{
    private const string LibC = "libc";

    [LibraryImport(LibC, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existing, string linkPath);

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(LibC, EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkfifo(string path, uint mode);

    [LibraryImport(LibC, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkdir(string path, uint mode);

    [LibraryImport(LibC, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* RealpathNative(string path, byte* resolved);

    [LibraryImport(LibC, EntryPoint = "free")]
    private static partial void Free(void* memory);

    /// <summary>realpath(3): the path with every symlink resolved, or null with errno set.</summary>
    public static string? Realpath(string path)
    {
        byte* resolved = RealpathNative(path, null);
        if (resolved == null) return null;
        try { return Marshal.PtrToStringUTF8((nint)resolved); }
        finally { Free(resolved); }
    }

    [LibraryImport(LibC, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(LibC, EntryPoint = "clock_gettime")]
    public static partial int ClockGettime(int clock, TimeSpec* time);

    [LibraryImport(LibC, EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int InotifyInit1(int flags);

    [LibraryImport(LibC, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport(LibC, EntryPoint = "setsid", SetLastError = true)]
    public static partial int Setsid();

    [LibraryImport(LibC, EntryPoint = "getpid")]
    public static partial int Getpid();

    [LibraryImport(LibC, EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    [LibraryImport(LibC, EntryPoint = "close_range", SetLastError = true)]
    public static partial int CloseRange(uint first, uint last, uint flags);

    [LibraryImport(LibC, EntryPoint = "pidfd_open", SetLastError = true)]
    public static partial int PidfdOpen(int pid, uint flags);

    /// <summary>kill(2): for `kill --all`, whose pids come from the cgroup and are signalled at once.</summary>
    [LibraryImport(LibC, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(LibC, EntryPoint = "pidfd_send_signal", SetLastError = true)]
    public static partial int PidfdSendSignal(int pidfd, int signal, void* info, uint flags);

    [LibraryImport(LibC, EntryPoint = "waitid", SetLastError = true)]
    public static partial int Waitid(int idType, int id, SigInfo* info, int options);

    [LibraryImport(LibC, EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int Getrlimit(int resource, RLimit* limit);

    [LibraryImport(LibC, EntryPoint = "pthread_sigmask")]
    public static partial int PthreadSigmask(int how, ulong* set, ulong* oldSet);

    /// <summary>prctl(2), through syscall(2) because the libc wrapper is variadic.</summary>
    [LibraryImport(LibC, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a0, long a1, long a2, long a3, long a4);

    public static int Prctl(long option, long argument) =>
        (int)Syscall(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 167 : 157, option, argument, 0, 0, 0);

    /// <summary>seccomp(2), which libc does not wrap.</summary>
    public static int Seccomp(uint operation, uint flags, nint arguments) =>
        (int)Syscall(SyscallTable.Current.Seccomp, operation, flags, arguments, 0, 0);

    public static int LastError => Marshal.GetLastPInvokeError();
}

[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

[StructLayout(LayoutKind.Sequential)]
internal struct RLimit
{
    public ulong Current;
    public ulong Maximum;
}

/// <summary>siginfo_t as waitid(2) fills it for a child (64-bit layout: 128 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct SigInfo
{
    [FieldOffset(0)] public int Signo;
    [FieldOffset(8)] public int Code;
    [FieldOffset(16)] public int Pid;
    [FieldOffset(24)] public int Status;
}
