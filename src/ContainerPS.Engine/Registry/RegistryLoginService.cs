using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// docker login and logout (docs/registry-login.md): a credential is checked against the registry first and stored
/// only when the registry accepts it; a logout erases it wherever it is kept.
/// </summary>
public sealed class RegistryLoginService(DockerCredentialStore store)
{
    public RegistryLoginService() : this(new DockerCredentialStore())
    {
    }

    /// <summary>
    /// Checks the credential against the registry, then stores it. A refused credential is <c>RegistryUnauthorized</c>,
    /// an unreachable registry <c>RegistryUnavailable</c>; in both cases nothing is written.
    /// </summary>
    public async Task<RegistryLoginInfo> ConnectAsync(string registry, RegistryCredential credential, bool skipTlsVerify, CancellationToken ct)
    {
        var domain = DomainOf(registry);
        if (credential.Username.Length == 0 && !credential.IsIdentityToken)
            throw Fail.InvalidArgument("RegistryUserMissing", $"A user name is needed to log in to {domain}.", registry);
        DockerConfigFile.Load(store.ConfigPath); // a config.json that cannot be updated fails before the registry is asked
        var options = new RegistryOptions { Credentials = new StaticCredentialProvider(domain, credential), SkipTlsVerify = skipTlsVerify };
        using (var client = new RegistryClient(options))
            await client.VerifyCredentialsAsync(domain, ct).ConfigureAwait(false);
        var helper = store.Store(domain, credential);
        return new RegistryLoginInfo(domain, credential.Username, store.ConfigPath, helper);
    }

    /// <summary>Erases the stored credential for the registry; false when none was stored.</summary>
    public bool Disconnect(string registry) => store.Erase(DomainOf(registry));

    /// <summary>
    /// The registry's domain as references and config.json keys name it: <c>host[:port]</c>, lowercase, from
    /// <c>host</c>, <c>host:port</c> or a URL; Docker Hub's host names become <c>docker.io</c>.
    /// </summary>
    public static string DomainOf(string registry)
    {
        var domain = RegistryHost.NormalizeConfigKey(registry ?? "");
        if (domain.Length == 0 || domain.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '@' or '?' or '#') ||
            !Uri.TryCreate("http://" + domain, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/")
            throw Fail.InvalidArgument("InvalidRegistry", $"'{registry}' is not a registry host (host or host:port).", registry);
        return RegistryHost.IsDockerHub(domain) || domain == RegistryHost.ApiHostFor(ImageReference.DockerHubDomain)
            ? ImageReference.DockerHubDomain
            : domain;
    }
}
