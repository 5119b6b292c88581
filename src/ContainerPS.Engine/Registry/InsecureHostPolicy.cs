namespace ContainerPS.Engine.Registry;

/// <summary>
/// Which registries may be reached over plain HTTP and without certificate verification: loopback hosts always
/// (as Docker treats 127.0.0.0/8), the hosts listed in <see cref="RegistryOptions.InsecureHosts"/>, and every host
/// when <see cref="RegistryOptions.SkipTlsVerify"/> is set.
/// </summary>
internal sealed class InsecureHostPolicy(RegistryOptions options)
{
    /// <summary>For a reference's domain or API host (<c>host</c> or <c>host:port</c>).</summary>
    public bool IsInsecure(string hostWithPort) =>
        options.SkipTlsVerify ||
        RegistryHost.IsLoopback(hostWithPort) ||
        options.InsecureHosts.Any(h => string.Equals(h, hostWithPort, StringComparison.OrdinalIgnoreCase));

    /// <summary>For the TLS layer, which knows the host name but not the port: is any insecure entry this host?</summary>
    public bool IsInsecureTlsHost(string host) =>
        options.SkipTlsVerify ||
        RegistryHost.IsLoopback(host) ||
        options.InsecureHosts.Any(h => string.Equals(RegistryHost.HostName(h), host, StringComparison.OrdinalIgnoreCase));
}
