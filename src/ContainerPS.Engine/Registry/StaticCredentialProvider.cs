using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// One credential for one registry host (what <c>-Credential</c> gives), falling back to another provider
/// (usually Docker's config.json) for every other host.
/// </summary>
public sealed class StaticCredentialProvider : ICredentialProvider
{
    private readonly string _host;
    private readonly RegistryCredential _credential;
    private readonly ICredentialProvider? _fallback;

    public StaticCredentialProvider(string registryHost, RegistryCredential credential, ICredentialProvider? fallback = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registryHost);
        ArgumentNullException.ThrowIfNull(credential);
        _host = Normalize(registryHost);
        _credential = credential;
        _fallback = fallback;
    }

    public RegistryCredential? GetCredential(string registryHost) =>
        string.Equals(Normalize(registryHost), _host, StringComparison.Ordinal) ? _credential : _fallback?.GetCredential(registryHost);

    private static string Normalize(string host)
    {
        var normalized = RegistryHost.NormalizeConfigKey(host);
        return RegistryHost.IsDockerHub(normalized) ? ImageReference.DockerHubDomain : normalized;
    }
}
