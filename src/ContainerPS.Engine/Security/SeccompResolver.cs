using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>
/// Resolves a profile for one container, as docker does when it writes config.json (moby profiles/seccomp,
/// setupSeccomp): only the rules whose conditions hold for its capabilities, the host architecture and kernel,
/// and the architectures the archMap gives the host.
/// </summary>
public static class SeccompResolver
{
    public static SeccompSpec Resolve(SeccompProfile profile, IEnumerable<string> capabilities, string hostArchitecture, Version kernel)
    {
        var caps = capabilities.Select(name => name.StartsWith("CAP_", StringComparison.Ordinal) ? name : "CAP_" + name)
            .ToHashSet(StringComparer.Ordinal);
        var architecture = SeccompArchitecture.Normalize(hostArchitecture);
        return new SeccompSpec
        {
            DefaultAction = profile.DefaultAction,
            DefaultErrnoRet = profile.DefaultErrnoRet,
            Architectures = profile.Architectures.Count > 0 ? [.. profile.Architectures] : Architectures(profile, architecture),
            Flags = profile.Flags.Count > 0 ? [.. profile.Flags] : null,
            Syscalls = profile.Rules.Where(rule => rule.When.Hold(caps, architecture, kernel)).Select(ToSpec).ToList(),
        };
    }

    /// <summary>The host's own architecture first, then what the archMap adds (none when libseccomp has no name).</summary>
    private static List<string> Architectures(SeccompProfile profile, string architecture)
    {
        var names = new List<string> { architecture };
        if (profile.ArchMap.TryGetValue(architecture, out var subArchitectures)) names.AddRange(subArchitectures);
        return names.Select(SeccompArchitecture.ToScmp).OfType<string>().ToList();
    }

    private static SeccompSyscallSpec ToSpec(SeccompRule rule) => new()
    {
        Names = [.. rule.Names],
        Action = rule.Action,
        ErrnoRet = rule.ErrnoRet,
        Args = rule.Args.Count == 0 ? null : [.. rule.Args],
    };
}
