using ContainerPS.Shim.Native;
using static ContainerPS.Shim.Native.Memfd;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// Makes `exec` run from a sealed in-memory copy of the shim, never from the file on disk (runc CVE-2019-5736: a
/// container process that reaches the runtime through /proc/&lt;pid&gt;/exe while it joins the container could open it
/// for writing and replace the host's binary). The copy is a memfd (memfd_create(2)) with F_SEAL_SEAL, SHRINK, GROW
/// and WRITE (fcntl(2), "File Sealing"): every /proc/&lt;pid&gt;/exe the container could reach names that memfd,
/// which nobody can write, resize or unseal. runc does the same (libcontainer/dmz, cloned_binary).
/// </summary>
internal static unsafe class SealedExecutable
{
    private const string SelfExe = "/proc/self/exe";

    /// <summary>True when this process already runs from a sealed copy (checked on the executable itself, not an env var the caller could set).</summary>
    public static bool IsRunningSealed()
    {
        int self = Sys.Open(SelfExe, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        if (self < 0) throw new ShimException(ExitCodes.Failure, $"open {SelfExe}: {Errno.Describe(Sys.LastError)}");
        try
        {
            int seals = Sys.Fcntl(self, F_GET_SEALS, 0);
            return seals >= 0 && (seals & AllSeals) == AllSeals;
        }
        finally { Sys.Close(self); }
    }

    /// <summary>Copies this executable into a sealed memfd and re-executes it with <paramref name="argv"/>. Returns only by throwing.</summary>
    public static void ReExecute(IReadOnlyList<string> argv)
    {
        int copy = SealedCopy();
        using var arena = new Child.NativeArena();
        var native = (byte**)arena.StringArray(argv);
        CpsNative.Fexecve(copy, native);
        int errno = Sys.LastError;
        Sys.Close(copy);
        throw new ShimException(ExitCodes.Failure, $"fexecve of the sealed copy: {Errno.Describe(errno)}");
    }

    /// <summary>The memfd holding a sealed copy of /proc/self/exe (CLOEXEC: execveat(AT_EMPTY_PATH) still runs an ELF from it).</summary>
    public static int SealedCopy()
    {
        int memfd = CreateMemfd();
        int self = Sys.Open(SelfExe, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        try
        {
            if (self < 0) throw new ShimException(ExitCodes.Failure, $"open {SelfExe}: {Errno.Describe(Sys.LastError)}");
            Copy(self, memfd);
            if (Sys.Fcntl(memfd, F_ADD_SEALS, AllSeals) != 0) throw new ShimException(ExitCodes.Failure, $"sealing the copy: {Errno.Describe(Sys.LastError)}");
            return memfd;
        }
        catch
        {
            Sys.Close(memfd);
            throw;
        }
        finally
        {
            if (self >= 0) Sys.Close(self);
        }
    }

    /// <summary>
    /// MFD_EXEC first: on Linux 6.3+ with vm.memfd_noexec=1 a memfd is non-executable unless asked for; older kernels
    /// refuse the flag (EINVAL), and there every memfd is executable.
    /// </summary>
    private static int CreateMemfd()
    {
        const uint flags = MFD_CLOEXEC | MFD_ALLOW_SEALING;
        int memfd = Sys.MemfdCreate("containerps-shim", flags | MFD_EXEC);
        if (memfd < 0 && Sys.LastError == Linux.EINVAL) memfd = Sys.MemfdCreate("containerps-shim", flags);
        if (memfd < 0) throw new ShimException(ExitCodes.Failure, $"memfd_create: {Errno.Describe(Sys.LastError)}");
        return memfd;
    }

    /// <summary>sendfile(2) in the kernel, no user-space buffer: the whole binary is a few MB.</summary>
    private static void Copy(int from, int to)
    {
        while (true)
        {
            nint sent = Sys.Sendfile(to, from, null, 1 << 30);
            if (sent == 0) return;
            if (sent < 0 && Sys.LastError != Linux.EINTR) throw new ShimException(ExitCodes.Failure, $"copying the shim into a memfd: {Errno.Describe(Sys.LastError)}");
        }
    }
}
