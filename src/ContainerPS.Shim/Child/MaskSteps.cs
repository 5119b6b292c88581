using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// linux.maskedPaths and linux.readonlyPaths (config-linux.md): kernel files the container must not read or write.
/// Paths that this kernel lacks are skipped.
/// </summary>
internal static class MaskSteps
{
    public static void Add(StepList steps, ChildPlanInput input)
    {
        foreach (string path in input.Spec.Linux.MaskedPaths ?? []) AddMask(steps, ContainerPath.Normalize(path), path);
        foreach (string path in input.Spec.Linux.ReadonlyPaths ?? []) AddReadOnly(steps, ContainerPath.Normalize(path), path);
    }

    /// <summary>
    /// A file is covered by the host's /dev/null (under the old root: the image's /dev may hold anything); a directory by an empty read-only tmpfs. Which one is decided by the kernel:
    /// binding a file over a directory fails with ENOTDIR, and then the tmpfs step runs; on success it is skipped.
    /// </summary>
    private static void AddMask(StepList steps, string target, string path)
    {
        long targetText = steps.Str(target);
        steps.Add($"mask-file-{path}", steps.Calls.Mount, steps.Str($"{RootfsSteps.OldRoot}/dev/null"), targetText, 0, MS_BIND, 0)
            .Tolerate(ENOENT, skip: 1).Tolerate(ENOTDIR).SkipWhenSucceeded(1);
        steps.Add($"mask-directory-{path}", steps.Calls.Mount, steps.Str("tmpfs"), targetText, steps.Str("tmpfs"), MS_RDONLY, steps.Str("size=0"));
    }

    private static void AddReadOnly(StepList steps, string target, string path)
    {
        long targetText = steps.Str(target);
        steps.Add($"bind-readonly-{path}", steps.Calls.Mount, targetText, targetText, 0, MS_BIND | MS_REC, 0).Tolerate(ENOENT, skip: 1);
        steps.Add($"remount-readonly-{path}", steps.Calls.Mount, 0, targetText, 0,
            MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, 0);
    }
}
