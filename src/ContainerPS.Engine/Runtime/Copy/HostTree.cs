using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// The host side of a copy. Its paths are the user's own, so they resolve as any host program's do; what the copy
/// writes below them is still created by fd with O_NOFOLLOW|O_EXCL (<see cref="TreeCopier"/>), so a hostile tree copied
/// out of a container can never steer a write through a symlink it brought along.
/// </summary>
internal sealed unsafe class HostTree : ICopyTree
{
    public bool InContainer => false;

    public int Open(string path, int flags)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        {
            int fd = LibC.open(p, flags | LibC.O_CLOEXEC, 0);
            return fd >= 0 ? fd : -Errno.Last;
        }
    }

    public ContainerPSException NotFound(string path, Exception? inner = null) => CopyErrors.HostPathNotFound(path, inner);
}
