using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// An <c>os/arch[/variant]</c> platform, the form of <c>--platform</c> and of the automatic platform ARGs (Dockerfile
/// reference, "Automatic platform ARGs in the global scope"): <c>TARGETPLATFORM</c> is the whole text,
/// <c>TARGETOS</c>, <c>TARGETARCH</c> and <c>TARGETVARIANT</c> its parts.
/// </summary>
public sealed record BuildPlatform(string Os, string Architecture, string? Variant = null)
{
    public const string InvalidPlatformId = "InvalidPlatform";

    /// <summary>Reads <c>linux/amd64</c> or <c>linux/arm64/v8</c>; anything else is <c>InvalidPlatform</c>.</summary>
    public static BuildPlatform Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(part => part.Length == 0))
            throw Fail.InvalidArgument(InvalidPlatformId, $"'{text}' is no platform of the form os/arch[/variant]", text);
        return new BuildPlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
