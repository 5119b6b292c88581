using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Native;

/// <summary>The libc calls only `exec` needs: joining namespaces and the sealed memfd copy of the shim.</summary>
internal static unsafe partial class Sys
{
    [LibraryImport(LibC, EntryPoint = "setns", SetLastError = true)]
    public static partial int Setns(int fd, int namespaceType);

    [LibraryImport(LibC, EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MemfdCreate(string name, uint flags);

    /// <summary>fcntl(2) with an int argument (F_ADD_SEALS, F_GET_SEALS); the libc wrapper is variadic, so through syscall(2).</summary>
    public static int Fcntl(int fd, int command, long argument) =>
        (int)Syscall(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 25 : 72, fd, command, argument, 0, 0);

    [LibraryImport(LibC, EntryPoint = "sendfile", SetLastError = true)]
    public static partial nint Sendfile(int outFd, int inFd, long* offset, nuint count);
}
