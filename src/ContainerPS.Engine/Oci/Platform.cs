using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Oci;

/// <summary>An image platform (image-spec image-index.md, "platform"), written <c>os/architecture[/variant]</c>.</summary>
public sealed record Platform
{
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }

    public override string ToString() => Variant is { Length: > 0 } ? $"{Os}/{Architecture}/{Variant}" : $"{Os}/{Architecture}";

    /// <summary>Parses <c>linux/arm64/v8</c>, <c>linux/amd64</c>; an invalid string gets <c>InvalidPlatform</c>.</summary>
    public static Platform Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
            throw Fail.InvalidArgument("InvalidPlatform", $"'{text}' is not a platform: expected os/architecture[/variant], for example linux/arm64/v8.", text);
        return Normalize(new Platform { Os = parts[0].ToLowerInvariant(), Architecture = parts[1].ToLowerInvariant(), Variant = parts.Length == 3 ? parts[2] : null });
    }

    /// <summary>The platform of this host, in the Go names registries use.</summary>
    public static Platform Host => Normalize(new Platform
    {
        Os = "linux",
        Architecture = RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            System.Runtime.InteropServices.Architecture.X86 => "386",
            System.Runtime.InteropServices.Architecture.S390x => "s390x",
            System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
            System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
            var other => other.ToString().ToLowerInvariant(),
        },
    });

    /// <summary>containerd's normalisation: x86_64 is amd64, aarch64 is arm64 whose default variant is v8.</summary>
    public static Platform Normalize(Platform p)
    {
        var arch = p.Architecture switch { "x86_64" or "x86-64" => "amd64", "aarch64" => "arm64", "i386" => "386", var a => a };
        var variant = p.Variant;
        if (arch == "arm64" && variant is null or "" or "8") variant = "v8";
        if (arch == "arm" && variant is null or "") variant = "v7";
        return p with { Architecture = arch, Variant = variant };
    }

    /// <summary>Whether an index entry's platform satisfies this wanted platform (variant checked only when both name one).</summary>
    public bool Matches(Platform? candidate)
    {
        if (candidate is null) return false;
        var want = Normalize(this);
        var have = Normalize(candidate);
        return want.Os == have.Os && want.Architecture == have.Architecture
               && (string.IsNullOrEmpty(want.Variant) || string.IsNullOrEmpty(have.Variant) || want.Variant == have.Variant);
    }
}
