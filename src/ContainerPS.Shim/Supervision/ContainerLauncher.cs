using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// clone3(2) with native/child.c in the child (launcher-feasibility.md §3, "B2": fork semantics, no managed code in
/// the child), new namespaces, a pidfd, and on cgroup v2 the child born in its cgroup. Every signal is blocked around
/// the call: a .NET signal handler must never run in the child (it would write into the runtime's signal pipe, which
/// the child shares); the child resets and unblocks them.
/// </summary>
internal static unsafe class ContainerLauncher
{
    private const int SigBlock = 0, SigSetMask = 2;
    private const int SigsetBytes = 128; // glibc's sigset_t; pthread_sigmask copies all of it
    private const int E2BIG = 7;

    /// <param name="cgroupFd">A v2 cgroup directory to be born in (CLONE_INTO_CGROUP), or -1.</param>
    /// <returns>The child, and whether it was born in <paramref name="cgroupFd"/>'s cgroup.</returns>
    public static (int Pid, int Pidfd, bool InCgroup) Clone(StepList steps, int errorFd, int namespaceFlags, int cgroupFd = -1)
    {
        ChildContext* context = steps.Seal(errorFd);
        var all = stackalloc ulong[SigsetBytes / sizeof(ulong)];
        var old = stackalloc ulong[SigsetBytes / sizeof(ulong)];
        new Span<ulong>(all, SigsetBytes / sizeof(ulong)).Fill(ulong.MaxValue);
        int pidfd = -1;
        Sys.PthreadSigmask(SigBlock, all, old);
        long pid = CpsNative.Clone3((ulong)namespaceFlags, cgroupFd, &pidfd, context);
        bool inCgroup = cgroupFd >= 0;
        if (inCgroup && pid is -E2BIG or -Linux.EINVAL)
        {
            // A kernel before 5.7 has clone3 without CLONE_INTO_CGROUP: the caller moves the child (CgroupJoin).
            pid = CpsNative.Clone3((ulong)namespaceFlags, -1, &pidfd, context);
            inCgroup = false;
        }
        Sys.PthreadSigmask(SigSetMask, old, null);
        if (pid < 0) throw new ShimException(ExitCodes.Failure, $"clone3: {Errno.Describe((int)-pid)}");
        return ((int)pid, pidfd, inCgroup);
    }
}
