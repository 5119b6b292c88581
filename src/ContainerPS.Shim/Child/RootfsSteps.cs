using ContainerPS.Runtime.Spec;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// Makes the root filesystem a private mount of its own (overlay, or a bind of root.path onto itself so pivot_root
/// accepts it), refuses an image whose /proc, /sys or /dev is a symlink, and pivots into it while keeping the host's
/// tree at <see cref="OldRoot"/>. From then on every container path resolves inside the container's root, symlinks
/// included (an image's /data -> /etc means the container's /etc, never the host's): the mounts that follow are
/// made there, their host sources reached through fds opened before the clone. DetachSteps drops the old root.
/// </summary>
internal static class RootfsSteps
{
    /// <summary>Where the host's tree stays reachable between pivot_root and its detach.</summary>
    public const string OldRoot = "/.containerps-old-root";

    private static readonly string[] KernelDirectories = ["proc", "sys", "dev"];

    public static void Add(StepList steps, ChildPlanInput input)
    {
        var calls = steps.Calls;
        string rootfs = input.RootfsPath;
        // Nothing the container mounts may propagate back to the host (and pivot_root refuses shared mounts).
        steps.Add("make-root-rprivate", calls.Mount, 0, steps.Str("/"), 0, MS_REC | MS_PRIVATE, 0);
        string? overlay = input.Spec.Annotations?.GetValueOrDefault(Annotations.RootfsOverlay);
        if (SpecNamespaces.Has(input.Spec, "user") && overlay is null) MakeDirectoriesForUserNamespace(rootfs);
        if (overlay is not null)
        {
            steps.Add("mount-rootfs-overlay", calls.Mount, steps.Str("overlay"), steps.Str(rootfs), steps.Str("overlay"), 0, steps.Str(overlay));
        }
        else
        {
            steps.Add("bind-rootfs", calls.Mount, steps.Str(rootfs), steps.Str(rootfs), 0, MS_BIND | MS_REC, 0);
        }
        foreach (string name in KernelDirectories) AddNotSymlinkCheck(steps, rootfs, name);
        steps.Add("chdir-rootfs", calls.Chdir, steps.Str(rootfs));
        long oldRoot = steps.Str(OldRoot[1..]);
        steps.Add("mkdir-old-root", calls.Mkdirat, AT_FDCWD, oldRoot, 0x1c0).Tolerate(EEXIST);
        steps.Add("pivot_root", calls.PivotRoot, steps.Str("."), oldRoot);
        steps.Add("chdir-/", calls.Chdir, steps.Str("/"));
    }

    /// <summary>
    /// Root of a user namespace is not the owner of a rootfs that belongs to the host's root, so the child cannot
    /// mkdir there (EACCES); the supervisor, still the host's root while it builds the plan, makes the directories
    /// the child needs (/proc, /sys, /dev and the one the host's tree is kept in; 0755, as the namespace's root must
    /// search them). mkdir(2) never follows a symlink (EEXIST), so the child's checks still refuse one. The child
    /// cannot remove the old root's directory afterwards (DetachSteps tolerates that): it stays, empty, in root.path.
    /// </summary>
    private static void MakeDirectoriesForUserNamespace(string rootfs)
    {
        foreach (string name in KernelDirectories.Append(OldRoot[1..]))
        {
            string path = $"{rootfs}/{name}";
            if (Native.Sys.Mkdir(path, 0x1ed) != 0 && Native.Sys.LastError != EEXIST)
                throw new ShimException(ExitCodes.Failure, $"mkdir {path}: {Native.Errno.Describe(Native.Sys.LastError)}");
        }
    }

    /// <summary>
    /// No mount namespace: the container shares the host's mount table, so nothing is mounted (no overlay, no spec
    /// mounts, masks or read-only paths: each would change the host); chroot(2) into root.path is all that makes it
    /// the container's root. runc refuses mounts without a mount namespace; here they are skipped, since the suite's
    /// and docker's default mounts are always present in a bundle.
    /// </summary>
    public static void AddChroot(StepList steps, ChildPlanInput input)
    {
        steps.Add("chdir-rootfs", steps.Calls.Chdir, steps.Str(input.RootfsPath));
        steps.Add("chroot-rootfs", steps.Calls.Chroot, steps.Str("."));
        steps.Add("chdir-/", steps.Calls.Chdir, steps.Str("/"));
    }

    /// <summary>
    /// Checked in the merged view, after the overlay mount: mkdirat never follows a symlink (EEXIST for one), and
    /// openat(O_PATH|O_NOFOLLOW|O_DIRECTORY) fails with ENOTDIR on a symlink or a file, so "rootfs-proc-is-a-directory"
    /// failing means the image planted something other than a directory there.
    /// </summary>
    private static void AddNotSymlinkCheck(StepList steps, string rootfs, string name)
    {
        const int slot = 1;
        var calls = steps.Calls;
        long path = steps.Str($"{rootfs}/{name}");
        steps.Add($"mkdir-rootfs-{name}", calls.Mkdirat, AT_FDCWD, path, 0x1ed).Tolerate(EEXIST);
        steps.Add($"rootfs-{name}-is-a-directory-not-a-symlink", calls.Openat, AT_FDCWD, path,
            O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC, 0).SaveResult(slot);
        steps.Add($"close-rootfs-{name}", calls.Close, 0).LoadArgument(0, slot);
    }
}
