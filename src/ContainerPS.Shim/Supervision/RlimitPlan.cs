using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// process.rlimits as (resource, soft, hard), clamped to the supervisor's own hard limits: raising a hard limit
/// needs CAP_SYS_RESOURCE, which these hosts do not give (DESIGN.md), and a container must start anyway.
/// </summary>
internal static unsafe class RlimitPlan
{
    private static readonly string[] Names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    public static List<(int Resource, ulong Soft, ulong Hard)> Clamp(IReadOnlyList<RlimitSpec>? limits)
    {
        var plan = new List<(int, ulong, ulong)>();
        foreach (var limit in limits ?? [])
        {
            int resource = Array.IndexOf(Names, limit.Type);
            if (resource < 0) throw new ShimException(ExitCodes.Failure, $"unknown rlimit '{limit.Type}'");
            RLimit current;
            if (Sys.Getrlimit(resource, &current) != 0) throw new ShimException(ExitCodes.Failure, $"getrlimit {limit.Type}: {Errno.Describe(Sys.LastError)}");
            ulong hard = Math.Min(limit.Hard, current.Maximum);
            plan.Add((resource, Math.Min(limit.Soft, hard), hard));
        }
        return plan;
    }
}
