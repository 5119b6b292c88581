using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// linux.sysctl (config-linux.md, "Sysctl"): each key is written to /proc/sys/&lt;key with dots as slashes&gt; after
/// the container's /proc is mounted and before /proc/sys is made read-only (readonlyPaths), so a namespaced
/// parameter (net.*, kernel.shm*, kernel.hostname...) lands in the container's own namespace. A key the kernel
/// lacks, or a value it refuses, fails the create naming the key.
/// </summary>
internal static class SysctlSteps
{
    public static void Add(StepList steps, ChildPlanInput input)
    {
        foreach (var (key, value) in input.Spec.Linux.Sysctl ?? [])
        {
            if (key.Length == 0 || key.Contains('/') || key.Split('.').Any(part => part is "" or ".."))
                throw new ShimException(ExitCodes.Failure, $"linux.sysctl '{key}' is not a kernel parameter name");
            AddWrite(steps, $"/proc/sys/{key.Replace('.', '/')}", value, $"sysctl-{key}");
        }
    }

    /// <summary>open(O_WRONLY|O_NOFOLLOW), one write of the whole value, close.</summary>
    public static void AddWrite(StepList steps, string path, string value, string name)
    {
        const int slot = 3;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
        long text = steps.Str(value);
        steps.Add($"open-{name}", steps.Calls.Openat, AT_FDCWD, steps.Str(path), O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0).SaveResult(slot);
        steps.Add($"write-{name}", steps.Calls.Write, 0, text, bytes.Length).LoadArgument(0, slot);
        steps.Add($"close-{name}", steps.Calls.Close, 0).LoadArgument(0, slot);
    }
}
