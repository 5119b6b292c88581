using System.Runtime.InteropServices;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// glibc clone() with native/child.c as the child function (launcher-feasibility.md §3, "B2"): fork semantics, new
/// namespaces, a pidfd. Every signal is blocked around the call: a .NET signal handler must never run in the child
/// (it would write into the runtime's signal pipe, which the child shares); the child resets and unblocks them.
/// </summary>
internal static unsafe class ContainerLauncher
{
    private const int StackSize = 256 * 1024;
    private const int SigBlock = 0, SigSetMask = 2;
    private const int SigsetBytes = 128; // glibc's sigset_t; pthread_sigmask copies all of it

    public static (int Pid, int Pidfd) Clone(StepList steps, int errorFd, int namespaceFlags)
    {
        ChildContext* context = steps.Seal(errorFd);
        byte* stack = (byte*)NativeMemory.AlignedAlloc(StackSize, 16);
        var all = (ulong*)NativeMemory.AllocZeroed(SigsetBytes);
        var old = (ulong*)NativeMemory.AllocZeroed(SigsetBytes);
        try
        {
            new Span<byte>(all, SigsetBytes).Fill(0xff);
            int pidfd = -1;
            Sys.PthreadSigmask(SigBlock, all, old);
            int pid = Sys.Clone(CpsNative.ChildEntry(), stack + StackSize, namespaceFlags | Linux.CLONE_PIDFD | Linux.SIGCHLD, context, &pidfd);
            int errno = Sys.LastError;
            Sys.PthreadSigmask(SigSetMask, old, null);
            if (pid < 0) throw new ShimException(ExitCodes.Failure, $"clone: {Errno.Describe(errno)}");
            return (pid, pidfd);
        }
        finally
        {
            // The child has its own copy-on-write copy of the stack and the steps.
            NativeMemory.AlignedFree(stack);
            NativeMemory.Free(all);
            NativeMemory.Free(old);
        }
    }
}
