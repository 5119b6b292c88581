using ContainerPS.Runtime.Spec;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The spec's mounts, in order (config.md, "Mounts"), made after pivot_root so their destinations resolve inside the
/// container's root; /dev gets its device nodes. A bind source is the host path with its symlinks resolved by the
/// supervisor (realpath), reached under the old root: no symlink is left to resolve against the container's root.
/// (An fd opened by the supervisor cannot be the source: its mount is in the host's mount namespace, EINVAL.)
/// </summary>
internal static class MountSteps
{
    private const uint DirectoryMode = 0x1ed; // 0755

    public static void Add(StepList steps, ChildPlanInput input)
    {
        foreach (var mount in input.Spec.Mounts)
        {
            string target = ContainerPath.Normalize(mount.Destination);
            var options = MountOptions.Parse(mount.Options, mount.Type);
            if (options.Bind) AddBind(steps, input, mount, target, options);
            else AddFilesystem(steps, input, mount, target, options);
            foreach (long propagation in options.Propagation)
            {
                steps.Add($"propagation-{mount.Destination}", steps.Calls.Mount, 0, steps.Str(target), 0, propagation, 0);
            }
            if (target == "/dev" && mount.Type == "tmpfs") DeviceSteps.Add(steps, bindFromHost: SpecNamespaces.Has(input.Spec, "user"));
        }
    }

    private static void AddFilesystem(StepList steps, ChildPlanInput input, MountSpec mount, string target, MountOptions options)
    {
        AddMakeTarget(steps, target, directory: true);
        string type = mount.Type ?? throw new ShimException(ExitCodes.Failure, $"mount {mount.Destination} has no type");
        string? data = options.Data;
        if (type == "cgroup" || type == "cgroup2")
        {
            // A v1 host's hierarchies cannot be shown safely without mounting each controller; the contract allows an
            // empty read-only tmpfs there. On v2 the container's cgroup namespace makes its own cgroup the root.
            type = input.CgroupV2 ? "cgroup2" : "tmpfs";
            data = input.CgroupV2 ? null : "mode=755,size=0";
        }
        string source = mount.Source ?? type;
        steps.Add($"mount-{mount.Destination}", steps.Calls.Mount, steps.Str(source), steps.Str(target), steps.Str(type),
            options.Flags, data is null ? 0 : steps.Str(data));
        if (options.CopyUp) TmpCopyUp.Add(steps, input.RootfsPath, target, type);
    }

    private static void AddBind(StepList steps, ChildPlanInput input, MountSpec mount, string target, MountOptions options)
    {
        string source = mount.Source ?? throw new ShimException(ExitCodes.Failure, $"bind mount {mount.Destination} has no source");
        if (!source.StartsWith('/')) source = Path.Combine(input.BundlePath, source);
        string resolved = Native.Sys.Realpath(source)
            ?? throw new ShimException(ExitCodes.Failure, $"bind mount source '{source}': {Native.Errno.Describe(Native.Sys.LastError)}");
        AddMakeTarget(steps, target, Directory.Exists(resolved));
        long bindFlags = MS_BIND | (options.Recursive ? MS_REC : 0);
        steps.Add($"bind-{target}", steps.Calls.Mount, steps.Str(RootfsSteps.OldRoot + resolved), steps.Str(target), 0, bindFlags, 0);
        long remountFlags = options.Flags & ~(MS_RELATIME | MS_STRICTATIME);
        if (remountFlags != 0)
        {
            // A bind mount takes ro, nosuid, nodev, noexec only through a remount (mount(2), "Creating a bind mount").
            steps.Add($"remount-{target}", steps.Calls.Mount, 0, steps.Str(target), 0, MS_BIND | MS_REMOUNT | remountFlags, 0);
        }
    }

    /// <summary>mkdir every missing component (EEXIST is fine), and an empty file as the target of a file bind.</summary>
    private static void AddMakeTarget(StepList steps, string target, bool directory)
    {
        var parts = ContainerPath.Components(target);
        string path = "";
        for (int i = 0; i < parts.Count; i++)
        {
            path += "/" + parts[i];
            bool last = i == parts.Count - 1;
            if (!last || directory)
            {
                steps.Add($"mkdir-{path}", steps.Calls.Mkdirat, AT_FDCWD, steps.Str(path), DirectoryMode).Tolerate(EEXIST);
                continue;
            }
            const int slot = 2;
            steps.Add($"create-{path}", steps.Calls.Openat, AT_FDCWD, steps.Str(path), O_CREAT | O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0x1a4)
                .SaveResult(slot).Tolerate(EISDIR, skip: 1);
            steps.Add($"close-{path}", steps.Calls.Close, 0).LoadArgument(0, slot);
        }
    }
}
