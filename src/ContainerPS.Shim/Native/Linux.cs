namespace ContainerPS.Shim.Native;

/// <summary>Linux constants (uapi headers) the supervisor and the child's plan use. Same values on x86-64 and arm64.</summary>
internal static class Linux
{
    // clone(2) / unshare(2)
    public const int CLONE_NEWNS = 0x00020000;
    /// <summary>clone(2): the child's parent is the caller's parent (its exit goes to that parent, or its reaper).</summary>
    public const int CLONE_PARENT = 0x00008000;
    public const int ECHILD = 10;
    public const int CLONE_NEWCGROUP = 0x02000000;
    public const int CLONE_NEWUTS = 0x04000000;
    public const int CLONE_NEWIPC = 0x08000000;
    public const int CLONE_NEWUSER = 0x10000000;
    public const int CLONE_NEWPID = 0x20000000;
    public const int CLONE_NEWNET = 0x40000000;
    public const int CLONE_PIDFD = 0x00001000;
    public const int SIGCHLD = 17;
    public const int SIGKILL = 9;
    public const int SIGSTOP = 19;
    public const int SIGTERM = 15;

    // mount(2)
    public const long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16, MS_REMOUNT = 32;
    public const long MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024;
    public const long MS_NODIRATIME = 2048, MS_BIND = 4096, MS_REC = 16384, MS_SILENT = 32768;
    public const long MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20;
    public const long MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;
    public const long MNT_DETACH = 2;

    // open(2)
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000;
    public const int O_PATH = 0x200000;
    public const int AT_FDCWD = -100, AT_REMOVEDIR = 0x200, AT_SYMLINK_NOFOLLOW = 0x100;
    public const int X_OK = 1;
    public const uint CLOSE_RANGE_CLOEXEC = 1u << 2;

    // mknod(2)
    public const uint S_IFIFO = 0x1000, S_IFBLK = 0x6000;
    public const uint S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFMT = 0xF000;

    // prctl(2)
    public const long PR_SET_PDEATHSIG = 1, PR_SET_DUMPABLE = 4, PR_SET_KEEPCAPS = 8, PR_CAPBSET_DROP = 24;
    public const long PR_SET_CHILD_SUBREAPER = 36, PR_SET_NO_NEW_PRIVS = 38, PR_CAP_AMBIENT = 47;
    public const long PR_CAP_AMBIENT_RAISE = 2, PR_CAP_AMBIENT_CLEAR_ALL = 4;

    // capset(2): _LINUX_CAPABILITY_VERSION_3
    public const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    // socket(2), ioctl(2) for bringing lo up
    public const long AF_INET = 2, SOCK_DGRAM = 2, SOCK_CLOEXEC = O_CLOEXEC;
    public const long SIOCSIFFLAGS = 0x8914;
    public const short IFF_UP = 0x1, IFF_LOOPBACK = 0x8, IFF_RUNNING = 0x40;

    // rt_sigprocmask(2)
    public const long SIG_SETMASK = 2;

    // waitid(2)
    public const int P_PIDFD = 3, WEXITED = 4, WNOHANG = 1, P_ALL = 0, P_PID = 1;
    public const int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

    // poll(2)
    public const short POLLIN = 0x1, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;

    // errno values the plan tolerates
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EBADF = 9, EAGAIN = 11, EACCES = 13, EBUSY = 16;
    public const int EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40;
    public const int ETIMEDOUT = 110, ECANCELED = 125; // a hook timed out, a hook failed (native/hook.c)
}
