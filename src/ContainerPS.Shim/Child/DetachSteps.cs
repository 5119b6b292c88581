using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// Detaches the host's tree (umount2 MNT_DETACH of the old root, pivot_root(2)), so nothing of the host is left in
/// the container's mount namespace; then hostname and root.readonly.
/// </summary>
internal static class DetachSteps
{
    public static void Add(StepList steps, ChildPlanInput input)
    {
        var calls = steps.Calls;
        if (input.HasMountNamespace)
        {
            long oldRoot = steps.Str(RootfsSteps.OldRoot);
            steps.Add("detach-old-root", calls.Umount2, oldRoot, MNT_DETACH);
            steps.Add("remove-old-root-directory", calls.Unlinkat, AT_FDCWD, oldRoot, AT_REMOVEDIR).Tolerate(ENOTEMPTY).Tolerate(SpecNamespaces.Has(input.Spec, "user") ? EACCES : EBUSY);
            AddRootfsPropagation(steps, input.Spec.Linux.RootfsPropagation);
        }
        if (input.Spec.Hostname is { Length: > 0 } hostname && SpecNamespaces.Has(input.Spec, "uts"))
        {
            steps.Add("sethostname", calls.Sethostname, steps.Str(hostname), System.Text.Encoding.UTF8.GetByteCount(hostname));
        }
        if (input.Spec.Root.Readonly && input.HasMountNamespace)
        {
            steps.Add("remount-root-readonly", calls.Mount, 0, steps.Str("/"), 0, MS_BIND | MS_REMOUNT | MS_RDONLY, 0);
        }
    }

    /// <summary>
    /// linux.rootfsPropagation (config-linux.md): the container's root mount gets that propagation, as runc sets it
    /// once the rootfs is ready; the host stays unaffected, its tree having been made rprivate before.
    /// </summary>
    private static void AddRootfsPropagation(StepList steps, string? propagation)
    {
        if (string.IsNullOrEmpty(propagation)) return;
        if (!MountOptions.PropagationOptions.TryGetValue(propagation, out long flags))
            throw new ShimException(ExitCodes.Failure, $"linux.rootfsPropagation '{propagation}' is not one of shared, slave, private, unbindable (or r-)");
        steps.Add($"rootfs-propagation-{propagation}", steps.Calls.Mount, 0, steps.Str("/"), 0, flags, 0);
    }
}
