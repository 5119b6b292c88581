namespace ContainerPS.Engine.Runtime;

/// <summary>What <c>docker ps</c> calls a container's status, reduced to the three states a user filters on.</summary>
public enum ContainerStatusKind
{
    /// <summary>Created and never started, or set up by the supervisor and waiting for start.</summary>
    Created,

    Running,

    /// <summary>Its process has ended; <see cref="ContainerInfo.ExitCode"/> says how.</summary>
    Exited,
}
