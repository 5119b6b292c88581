using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// Hostname, then pivot_root into the rootfs and detach the old root (pivot_root(2), "pivot_root(".", ".")"), so the
/// host's tree is gone from the container's mount namespace; then root.readonly.
/// </summary>
internal static class PivotSteps
{
    public static void Add(StepList steps, ChildPlanInput input)
    {
        var calls = steps.Calls;
        if (input.Spec.Hostname is { Length: > 0 } hostname && SpecNamespaces.Has(input.Spec, "uts"))
        {
            steps.Add("sethostname", calls.Sethostname, steps.Str(hostname), System.Text.Encoding.UTF8.GetByteCount(hostname));
        }
        long dot = steps.Str(".");
        steps.Add("chdir-rootfs", calls.Chdir, steps.Str(input.RootfsPath));
        steps.Add("pivot_root", calls.PivotRoot, dot, dot);
        steps.Add("detach-old-root", calls.Umount2, dot, MNT_DETACH);
        steps.Add("chdir-/", calls.Chdir, steps.Str("/"));
        if (input.Spec.Root.Readonly)
        {
            steps.Add("remount-root-readonly", calls.Mount, 0, steps.Str("/"), 0, MS_BIND | MS_REMOUNT | MS_RDONLY, 0);
        }
    }
}
