namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The build arguments a Dockerfile may use without declaring them. The proxy variables are "Predefined ARGs"
/// (Dockerfile reference, "ARG"): usable in a stage with no ARG line and never reported as unconsumed. The platform
/// variables are "Automatic platform ARGs in the global scope": set for FROM lines, and inside a stage only after a
/// bare <c>ARG TARGETARCH</c> (or another of them) re-declares them.
/// </summary>
public static class PredefinedBuildArgs
{
    public static IReadOnlySet<string> ProxyNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
        "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    };

    public static IReadOnlySet<string> PlatformNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    };

    public static bool IsProxy(string name) => ProxyNames.Contains(name);

    public static bool IsPlatform(string name) => PlatformNames.Contains(name);
}
