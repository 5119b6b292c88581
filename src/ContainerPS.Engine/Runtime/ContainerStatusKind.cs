namespace ContainerPS.Engine.Runtime;

/// <summary>What <c>docker ps</c> calls a container's status, reduced to the states a user filters on.</summary>
public enum ContainerStatusKind
{
    /// <summary>Created and never started, or set up by the supervisor and waiting for start.</summary>
    Created,

    Running,

    /// <summary>Running with every process frozen (Suspend-Container, docker pause).</summary>
    Paused,

    /// <summary>Its process has ended; <see cref="ContainerInfo.ExitCode"/> says how.</summary>
    Exited,
}
