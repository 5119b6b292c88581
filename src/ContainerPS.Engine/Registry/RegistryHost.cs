using System.Net;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Facts about registry host names: the one place where Docker Hub's reference domain is mapped to the host that
/// serves its API and to the key its credentials have in Docker's config.json.
/// </summary>
internal static class RegistryHost
{
    // References say "docker.io", but the distribution API is served elsewhere (containerd's DefaultHost, moby's IndexHostname).
    private const string DockerHubApiHost = "registry-1.docker.io";

    // Docker's config.json stores Hub credentials under its historical v1 index address (moby registry.IndexServer).
    internal const string DockerHubConfigKey = "https://index.docker.io/v1/";
    private const string DockerHubIndexHost = "index.docker.io";

    /// <summary>The host (and port) to send API requests to for a reference's domain.</summary>
    public static string ApiHostFor(string domain) =>
        IsDockerHub(domain) ? DockerHubApiHost : domain;

    /// <summary>The config.json keys under which a domain's credentials may be stored, most specific first.</summary>
    public static IEnumerable<string> ConfigKeysFor(string domain) =>
        IsDockerHub(domain) ? [DockerHubConfigKey, DockerHubIndexHost, ImageReference.DockerHubDomain, DockerHubApiHost] : [domain];

    /// <summary>Reduces a config.json key (<c>https://host:port/v1/</c>, <c>host:port</c>) to <c>host:port</c>, lowercase.</summary>
    public static string NormalizeConfigKey(string key)
    {
        var host = key.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        return host.ToLowerInvariant();
    }

    public static bool IsDockerHub(string domain) =>
        string.Equals(domain, ImageReference.DockerHubDomain, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(domain, DockerHubIndexHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1, with or without a port.</summary>
    public static bool IsLoopback(string hostWithPort)
    {
        var host = HostName(hostWithPort);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host part of <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>, without brackets.</summary>
    public static string HostName(string hostWithPort) =>
        Uri.TryCreate("http://" + hostWithPort, UriKind.Absolute, out var uri) ? uri.IdnHost : hostWithPort;
}
