using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Ports;

/// <summary>One published port: its bound listening socket and whatever it forwards (TCP connections, UDP flows).</summary>
internal interface IPortForwarder : IDisposable
{
    /// <summary>The port as bound (an ephemeral host port resolved), for state.json.</summary>
    PublishedPort Published { get; }

    /// <summary>The listening socket, which the container's child must close (it is close-on-exec too).</summary>
    int ListeningFd { get; }

    /// <summary>Adds the descriptors to wait on this turn.</summary>
    void AddTo(PollList list, long now);

    /// <summary>Closes what has ended or been idle too long; returns when it next needs a turn (ms tick), or long.MaxValue.</summary>
    long Sweep(long now);
}
