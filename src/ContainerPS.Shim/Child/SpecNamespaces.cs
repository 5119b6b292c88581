using ContainerPS.Runtime.Spec;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// linux.namespaces (config-linux.md, "Namespaces"): an entry without a path is a new namespace (a clone flag), one
/// with a path an existing namespace that is joined (setns(2)); a type that is not listed is shared with the runtime.
/// </summary>
internal static class SpecNamespaces
{
    /// <summary>The namespace types made or joined (the features document lists them); runc 1.1 has no time namespace either.</summary>
    public static readonly IReadOnlyList<string> Supported = ["cgroup", "ipc", "mount", "network", "pid", "user", "uts"];

    public static bool Has(RuntimeSpec spec, string type) => spec.Linux.Namespaces.Any(n => n.Type == type);

    /// <summary>A namespace of this type to be created (not joined).</summary>
    public static bool Creates(RuntimeSpec spec, string type) => spec.Linux.Namespaces.Any(n => n.Type == type && string.IsNullOrEmpty(n.Path));

    /// <summary>The path of the namespace of this type to join, or null.</summary>
    public static string? JoinPath(RuntimeSpec spec, string type) =>
        spec.Linux.Namespaces.FirstOrDefault(n => n.Type == type && !string.IsNullOrEmpty(n.Path))?.Path;

    /// <summary>The CLONE_NEW* flag of a type.</summary>
    public static int Flag(string type) => type switch
    {
        "pid" => CLONE_NEWPID,
        "network" => CLONE_NEWNET,
        "mount" => CLONE_NEWNS,
        "ipc" => CLONE_NEWIPC,
        "uts" => CLONE_NEWUTS,
        "user" => CLONE_NEWUSER,
        "cgroup" => CLONE_NEWCGROUP,
        _ => throw new ShimException(ExitCodes.Failure, $"namespace type '{type}' is not supported"),
    };

    /// <summary>
    /// The clone flags of the namespaces to create. The cgroup namespace is unshared later, by the child, after it
    /// joined its cgroups; a new user namespace owns every other namespace made with it (user_namespaces(7)).
    /// </summary>
    public static int CloneFlags(RuntimeSpec spec)
    {
        int flags = 0;
        foreach (var ns in spec.Linux.Namespaces.Where(n => string.IsNullOrEmpty(n.Path) && n.Type != "cgroup")) flags |= Flag(ns.Type);
        return flags;
    }

    /// <summary>
    /// The problem with linux.namespaces, or null: unknown or repeated types (config-linux.md: a type "MUST NOT" be
    /// duplicated), relative paths, and user namespace mappings without a new user namespace or the reverse (runc
    /// refuses both: the mappings are only ever written for a user namespace the runtime creates).
    /// </summary>
    public static string? Problem(RuntimeSpec spec)
    {
        var namespaces = spec.Linux.Namespaces;
        if (namespaces.FirstOrDefault(n => !Supported.Contains(n.Type)) is { } unknown) return $"namespace type '{unknown.Type}' is not supported";
        if (namespaces.GroupBy(n => n.Type).FirstOrDefault(g => g.Count() > 1) is { } repeated) return $"namespace type '{repeated.Key}' is listed twice";
        if (namespaces.FirstOrDefault(n => !string.IsNullOrEmpty(n.Path) && !n.Path.StartsWith('/')) is { } relative)
            return $"the {relative.Type} namespace path '{relative.Path}' is not absolute";
        bool mapped = spec.Linux.UidMappings is { Count: > 0 } || spec.Linux.GidMappings is { Count: > 0 };
        if (Creates(spec, "user") && spec.Linux.UidMappings is not { Count: > 0 }) return "a new user namespace needs linux.uidMappings";
        if (Creates(spec, "user") && spec.Linux.GidMappings is not { Count: > 0 }) return "a new user namespace needs linux.gidMappings";
        if (mapped && !Creates(spec, "user")) return "linux.uidMappings and gidMappings need a new user namespace";
        return null;
    }
}
