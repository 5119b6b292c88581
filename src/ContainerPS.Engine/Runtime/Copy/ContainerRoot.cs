using ContainerPS.Engine.Native;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// An open fd of a container's root directory, and what keeps it valid: for a stopped container the container's lock,
/// released only after the fd (and with it the detached overlay mount) is gone, so the container cannot start on an
/// upper directory that is still in use.
/// </summary>
internal sealed class ContainerRoot(FileDescriptor root, IDisposable? guard = null) : IDisposable
{
    public int Fd => root.Value;

    public void Dispose()
    {
        root.Dispose();
        guard?.Dispose();
    }
}
