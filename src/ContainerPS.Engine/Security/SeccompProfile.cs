namespace ContainerPS.Engine.Security;

/// <summary>
/// A seccomp profile before it is resolved for one container: docker's profile model (a default action, an
/// architecture map, and rules with capability, architecture and kernel conditions), read from our own line format
/// (SeccompProfileParser) or another reader. SeccompResolver turns it into the OCI linux.seccomp object.
/// </summary>
public sealed record SeccompProfile
{
    /// <summary>The SCMP_ACT_* name for a syscall no rule matches.</summary>
    public required string DefaultAction { get; init; }

    public uint? DefaultErrnoRet { get; init; }

    /// <summary>Host architecture (uname machine name, e.g. <c>x86_64</c>) → the other architectures it runs.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ArchMap { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    public IReadOnlyList<SeccompRule> Rules { get; init; } = [];

    /// <summary>SCMP_ARCH_* names a profile lists itself (an OCI profile has no archMap), used as given.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>SECCOMP_FILTER_FLAG_* names, passed on.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}
