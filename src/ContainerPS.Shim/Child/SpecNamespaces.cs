using ContainerPS.Runtime.Spec;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// linux.namespaces as clone flags (config-linux.md, "Namespaces"): an entry without a path is a new namespace, one
/// with a path is an existing namespace that the child joins with setns(2) instead.
/// </summary>
internal static class SpecNamespaces
{
    /// <summary>The namespace types <see cref="CloneFlags"/> makes or joins (the features document lists them).</summary>
    public static readonly IReadOnlyList<string> Supported = ["cgroup", "ipc", "mount", "network", "pid", "uts"];

    public static bool Has(RuntimeSpec spec, string type) => spec.Linux.Namespaces.Any(n => n.Type == type);

    /// <summary>A namespace of this type to be created (not joined).</summary>
    public static bool Creates(RuntimeSpec spec, string type) => spec.Linux.Namespaces.Any(n => n.Type == type && string.IsNullOrEmpty(n.Path));

    /// <summary>The path of the namespace of this type to join, or null.</summary>
    public static string? JoinPath(RuntimeSpec spec, string type) =>
        spec.Linux.Namespaces.FirstOrDefault(n => n.Type == type && !string.IsNullOrEmpty(n.Path))?.Path;

    /// <summary>The clone flags; the cgroup namespace is unshared later, by the child, after it joined its cgroups.</summary>
    public static int CloneFlags(RuntimeSpec spec)
    {
        int flags = 0;
        foreach (var ns in spec.Linux.Namespaces.Where(n => string.IsNullOrEmpty(n.Path)))
        {
            flags |= ns.Type switch
            {
                "pid" => CLONE_NEWPID,
                "network" => CLONE_NEWNET,
                "mount" => CLONE_NEWNS,
                "ipc" => CLONE_NEWIPC,
                "uts" => CLONE_NEWUTS,
                "cgroup" => 0,
                _ => throw new ShimException(ExitCodes.Failure, $"namespace type '{ns.Type}' is not supported"),
            };
        }
        return flags;
    }
}
