using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>One rule of a SeccompProfile: an action for the named syscalls, with argument checks, that applies only
/// when its conditions hold for the container.</summary>
public sealed record SeccompRule
{
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>The SCMP_ACT_* name.</summary>
    public required string Action { get; init; }

    public uint? ErrnoRet { get; init; }

    public IReadOnlyList<SeccompArgSpec> Args { get; init; } = [];

    public SeccompConditions When { get; init; } = new();

    /// <summary>The profile line the rule came from (0 when not read from our format), for error messages.</summary>
    public int Line { get; init; }
}
