using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Child;

/// <summary>Everything the child's plan is built from: the validated spec and what the supervisor prepared for it.</summary>
internal sealed record ChildPlanInput
{
    public required RuntimeSpec Spec { get; init; }

    /// <summary>The absolute host path of root.path (resolved against the bundle).</summary>
    public required string RootfsPath { get; init; }

    /// <summary>The bundle directory: relative bind sources resolve against it (config.md, "Mounts").</summary>
    public required string BundlePath { get; init; }

    /// <summary>cgroup v2 hosts get a real read-only cgroup2 mount; v1 hosts a read-only empty tmpfs (the contract allows it).</summary>
    public required bool CgroupV2 { get; init; }

    public required ChildFds Fds { get; init; }

    /// <summary>How the child gets into its cgroups: its own steps come first in the plan.</summary>
    public required Supervision.CgroupJoin CgroupJoin { get; init; }

    /// <summary>The rlimits to apply, already clamped to the supervisor's own hard limits (it cannot raise them).</summary>
    public required IReadOnlyList<(int Resource, ulong Soft, ulong Hard)> Rlimits { get; init; }

    /// <summary>/proc/sys/kernel/cap_last_cap: every capability up to it that the bounding set lacks is dropped.</summary>
    public required int LastCapability { get; init; }

    /// <summary>A reaping init as PID 1 (annotation io.containerps.init).</summary>
    public required bool Init { get; init; }

    /// <summary>process.terminal: where the child sends its pty master (TerminalSteps); null without a terminal.</summary>
    public ChildTerminal? Terminal { get; init; }

    /// <summary>linux.seccomp compiled (Seccomp/SeccompCompiler); null for none.</summary>
    public Seccomp.SeccompFilter? Seccomp { get; init; }

    /// <summary>The namespaces the spec names by path, opened by the supervisor, which the child joins; null for none.</summary>
    public JoinedNamespaces? Joined { get; init; }

    /// <summary>A new user namespace whose mappings the supervisor writes while the child waits; null for none.</summary>
    public UserNamespaceMapping? UserNamespace { get; init; }

    /// <summary>
    /// Without a mount namespace (created or joined) the container shares the host's mount table: nothing may be
    /// mounted, so the child only chroots into root.path (config-linux.md, "Namespaces": a type that is not listed
    /// is inherited from the runtime).
    /// </summary>
    public bool HasMountNamespace => SpecNamespaces.Has(Spec, "mount");

    /// <summary>The hooks the child waits for or runs itself (Hooks/CreateHooks.cs); null without hooks.</summary>
    public Hooks.ChildHooks? Hooks { get; init; }

    /// <summary>
    /// Look the program up (args[0], along PATH) before reporting "created", so a missing or non-executable one fails
    /// `create`, as runc's does (its init looks the program up before it waits for start): conmon tells podman's user
    /// from that failure's text ("no such file or directory": exit code 127, "permission denied": 126). Off for the
    /// engine, whose `start` reports the execve's own failure.
    /// </summary>
    public bool LookUpProgramAtCreate { get; init; }

    /// <summary>runc create --preserve-fds N: fds 3..3+N-1, open in the supervisor at those numbers, stay open past execve.</summary>
    public int PreservedFds { get; init; }
}

/// <summary>
/// The terminal's fds in the child: its end of the socket the master goes over, and an fd number the supervisor
/// holds open only so the child can dup3 the master onto a number known before the clone.
/// </summary>
internal sealed record ChildTerminal(int SocketFd, int ReservedFd);

/// <summary>
/// The supervisor's fds as the child sees them right after the clone (fork semantics: it has copies of all of them).
/// </summary>
/// <param name="ErrorWrite">CLOEXEC: the child's {step index, errno} report; its EOF means execve succeeded.</param>
/// <param name="StartRead">One byte arrives on start; EOF (the supervisor died) fails the start.</param>
/// <param name="Stdio">fds to become 0, 1 and 2, or null to keep the supervisor's.</param>
/// <param name="SupervisorOnly">The supervisor's ends of those pipes, which the child closes first so EOF works.</param>
internal sealed record ChildFds(int ErrorWrite, int StartRead, int?[] Stdio, IReadOnlyList<int> SupervisorOnly);
