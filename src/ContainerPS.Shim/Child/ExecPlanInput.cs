using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Child;

/// <summary>What an exec child's plan is built from: the process to start and how it joins the running container.</summary>
internal sealed record ExecPlanInput
{
    /// <summary>The OCI process object of `exec --process` (config.md, "Process"), defaults filled in.</summary>
    public required ProcessSpec Process { get; init; }

    /// <summary>A pidfd of the container's init: setns(2) takes it for every namespace at once (Linux 5.8+).</summary>
    public required int InitPidfd { get; init; }

    /// <summary>CLONE_NEW* of the namespaces to join in the child (the pid namespace is not among them: the shim enters it before the clone).</summary>
    public required int JoinFlags { get; init; }

    /// <summary>How the child gets into the container's cgroup (its steps come right after the shim's fds are closed).</summary>
    public required Supervision.CgroupJoin CgroupJoin { get; init; }

    /// <summary>CLOEXEC: the child's {step index, errno} report; its EOF means execve succeeded.</summary>
    public required int ErrorWrite { get; init; }

    /// <summary>The shim's ends of the pipes, closed first in the child so EOF works.</summary>
    public required IReadOnlyList<int> ShimOnly { get; init; }

    /// <summary>fds to become 0, 1 and 2, or null to keep the shim's (Exec/ExecStdio).</summary>
    public required int?[] Stdio { get; init; }

    /// <summary>Already clamped to the shim's own hard limits (Supervision/RlimitPlan).</summary>
    public required IReadOnlyList<(int Resource, ulong Soft, ulong Hard)> Rlimits { get; init; }

    public required int LastCapability { get; init; }

    /// <summary>The container's filter, as its init got it; null for none.</summary>
    public Seccomp.SeccompFilter? Seccomp { get; init; }

    /// <summary>PR_SET_PDEATHSIG SIGKILL: the process dies with the shim; false for `exec --detach` (runc's), which runs on.</summary>
    public bool DieWithShim { get; init; } = true;

    /// <summary>`exec --tty`: where the child sends the master of the pty it opens in the container (TerminalSteps); null without one.</summary>
    public ChildTerminal? Terminal { get; init; }
}
