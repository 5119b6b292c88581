using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// The container side of a copy: every path is resolved from the fd of the container's root with openat2(2)
/// RESOLVE_IN_ROOT (symlinks, absolute ones included, and ".." stay inside the root, as a chroot would keep them) and
/// RESOLVE_NO_MAGICLINKS (a /proc/self/... link could point anywhere on the host). Mount crossings are allowed: the
/// container's volumes are part of what it sees at its root, as docker cp copies them.
/// </summary>
internal sealed unsafe class ContainerTree(int rootFd) : ICopyTree
{
    private const int MaxEagainRetries = 4;
    private static readonly ulong Resolve = LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS;

    public bool InContainer => true;

    public int Open(string path, int flags)
    {
        var how = new open_how { flags = (ulong)(flags | LibC.O_CLOEXEC), resolve = Resolve };
        fixed (byte* p = Utf8Path.ToArray(path.Length == 0 ? "/" : path))
        {
            for (int attempt = 0; ; attempt++)
            {
                int fd = LibC.openat2(rootFd, p, &how, sizeof(open_how));
                int errno = fd < 0 ? Errno.Last : 0;

                // EAGAIN: RESOLVE_IN_ROOT saw a concurrent rename (openat2(2)) and asks for another try.
                if (fd >= 0) return fd;
                if (errno == LibC.EXDEV) throw CopyErrors.PathEscapesContainer(path);
                if (errno != LibC.EAGAIN || attempt == MaxEagainRetries) return -errno;
            }
        }
    }

    public ContainerPSException NotFound(string path, Exception? inner = null) => CopyErrors.ContainerPathNotFound(path, inner);
}
