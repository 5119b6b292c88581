using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Native;

/// <summary>native/*.c, linked statically into the NativeAOT executable (see the csproj).</summary>
internal static unsafe partial class CpsNative
{
    private const string Library = "cpsnative";

    /// <summary>
    /// clone3(2) with fork semantics whose child interprets <paramref name="context"/> (native/child.c); with
    /// <paramref name="cgroupFd"/> &gt;= 0 it is born in that v2 cgroup. The pid, or -errno.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "cps_clone3")]
    public static partial long Clone3(ulong namespaceFlags, int cgroupFd, int* pidfd, void* context);

    /// <summary>--preserve-fds N of a detached `create` (native/detach.c): the caller's fds 3..3+N-1 are open at those numbers.</summary>
    [LibraryImport(Library, EntryPoint = "cps_preserved_fds")]
    public static partial int PreservedFds();

    /// <summary>
    /// fd 3 + N (N = --preserve-fds), the report pipe, when this process is the supervisor that `create` forked before .NET started
    /// (native/detach.c); -1 otherwise.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "cps_detached_report_fd")]
    public static partial int DetachedReportFd();

    /// <summary>fexecve(3) with this process's environ: re-executes the sealed copy (native/reexec.c). Returns only on failure.</summary>
    [LibraryImport(Library, EntryPoint = "cps_fexecve", SetLastError = true)]
    public static partial int Fexecve(int fd, byte** argv);
}
