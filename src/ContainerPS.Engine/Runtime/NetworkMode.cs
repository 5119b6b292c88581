namespace ContainerPS.Engine.Runtime;

/// <summary>How a container reaches the network (issue 3 offers two; bridge networks come later).</summary>
public enum NetworkMode
{
    /// <summary>A network namespace of its own with only the loopback interface.</summary>
    None,

    /// <summary>No network namespace: the host's interfaces, as <c>docker run --network host</c>.</summary>
    Host,
}
