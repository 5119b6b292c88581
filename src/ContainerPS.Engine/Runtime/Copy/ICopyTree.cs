using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>One side of a copy: the host, or a container's root. Paths are opened only through it.</summary>
internal interface ICopyTree
{
    bool InContainer { get; }

    /// <summary>Opens <paramref name="path"/> (absolute on this side) with open(2) <paramref name="flags"/>; the fd, or -errno.</summary>
    int Open(string path, int flags);

    /// <summary>The error for a path that does not exist on this side.</summary>
    ContainerPSException NotFound(string path, Exception? inner = null);
}
