using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>Architecture names: profiles and the resolver use uname's machine names (<c>x86_64</c>, <c>aarch64</c>,
/// ...), libseccomp's are SCMP_ARCH_ plus the name in capitals (config-linux.md lists them, SeccompNames holds them).</summary>
public static class SeccompArchitecture
{
    /// <summary>Go's and uname's other spellings of the same architectures (docker profiles use Go's, e.g. amd64).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["amd64"] = "x86_64", ["386"] = "x86", ["i386"] = "x86", ["i686"] = "x86", ["arm64"] = "aarch64",
        ["armv7l"] = "arm", ["armv6l"] = "arm", ["mipsle"] = "mipsel", ["mips64le"] = "mipsel64",
        ["mips3l64n32"] = "mipsel64n32", ["mips64p32"] = "mips64n32", ["mips64p32le"] = "mipsel64n32",
    };

    public static string Normalize(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        return Aliases.TryGetValue(lower, out var canonical) ? canonical : lower;
    }

    /// <summary>The SCMP_ARCH_* name, or null when libseccomp has none for it.</summary>
    public static string? ToScmp(string name)
    {
        var scmp = "SCMP_ARCH_" + Normalize(name).ToUpperInvariant();
        return SeccompNames.Architectures.Contains(scmp) ? scmp : null;
    }

    /// <summary>The uname name of an SCMP_ARCH_* name (<c>SCMP_ARCH_X86_64</c> → <c>x86_64</c>).</summary>
    public static string FromScmp(string scmp) =>
        scmp.StartsWith("SCMP_ARCH_", StringComparison.Ordinal) ? scmp["SCMP_ARCH_".Length..].ToLowerInvariant() : scmp;
}
