using System.Runtime.InteropServices;
using Tmds.Linux;

namespace ContainerPS.Engine.Native;

/// <summary>An owned file descriptor (often a directory fd used as the anchor of *at calls); closed exactly once.</summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>The raw number, for syscalls. Valid only while this object is alive and not disposed.</summary>
    public int Value => (int)handle;

    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
