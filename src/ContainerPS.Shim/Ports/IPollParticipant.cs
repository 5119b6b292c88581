namespace ContainerPS.Shim.Ports;

/// <summary>Something in the proxy loop that waits on descriptors: a listener, a TCP connection, a UDP flow.</summary>
internal interface IPollParticipant
{
    /// <summary>A descriptor this participant added with <paramref name="tag"/> is ready (<paramref name="revents"/> as poll(2) says).</summary>
    void OnReady(int tag, short revents);
}
