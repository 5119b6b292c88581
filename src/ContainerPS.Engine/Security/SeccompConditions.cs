namespace ContainerPS.Engine.Security;

/// <summary>
/// When a rule applies, as in docker's profile "includes"/"excludes": every capability in IfCaps held, none in
/// UnlessCaps held, the host architecture in IfArches (when given) and not in UnlessArches, the kernel at least
/// MinKernel. Capabilities are CAP_* names, architectures uname machine names (SeccompArchitecture).
/// </summary>
public sealed record SeccompConditions
{
    public IReadOnlyList<string> IfCaps { get; init; } = [];
    public IReadOnlyList<string> UnlessCaps { get; init; } = [];
    public IReadOnlyList<string> IfArches { get; init; } = [];
    public IReadOnlyList<string> UnlessArches { get; init; } = [];
    public Version? MinKernel { get; init; }

    public bool Hold(IReadOnlySet<string> capabilities, string architecture, Version kernel) =>
        IfCaps.All(capabilities.Contains)
        && !UnlessCaps.Any(capabilities.Contains)
        && (IfArches.Count == 0 || IfArches.Contains(architecture))
        && !UnlessArches.Contains(architecture)
        && (MinKernel is null || kernel >= MinKernel);
}
