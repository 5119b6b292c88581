namespace ContainerPS.Engine.Runtime;

/// <summary>
/// An -AutoRemove container's upper layer is mounted "volatile" (Documentation/filesystems/overlayfs.rst, "Volatile
/// mount", Linux 5.10+): the kernel then skips every sync of the upper file system, including the one that unmounting
/// does when the container's last process exits (1 to 4 ms of every run measured here, on the path from the exit to
/// its report). A volatile upper layer is not guaranteed to survive a host crash, which costs nothing for a container
/// that is deleted when it exits. Other containers keep the normal, crash-safe mount.
/// </summary>
internal static class VolatileUpper
{
    public const string MountOption = "volatile";

    public static bool Applies(CreateOptions options) => options.AutoRemove && KernelRelease.AtLeast(5, 10);

    /// <summary>
    /// overlayfs leaves work/work/incompat/volatile behind and refuses the next mount while it exists. A second start
    /// of an -AutoRemove container (before anything removed it) reuses its upper layer as docker's restart does; the
    /// marker goes first. After a host crash such a container is removed by the next listing instead.
    /// </summary>
    public static void ClearMarker(ContainerPaths paths)
    {
        var incompat = Path.Combine(paths.Work, "work", "incompat");
        if (Directory.Exists(incompat)) Unpack.TreeRemover.RemovePath(incompat);
    }
}
