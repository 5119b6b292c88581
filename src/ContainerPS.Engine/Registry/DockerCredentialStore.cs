namespace ContainerPS.Engine.Registry;

/// <summary>
/// Registry credentials where docker keeps them (docs/registry-login.md): in the credential helper config.json names for
/// the host (<c>credHelpers[host]</c>, else <c>credsStore</c>) with an empty <c>auths[host]</c> entry beside it, or else in
/// <c>auths[host].auth</c>. Lookups read the file each time, so a login in another session (or by docker) is seen.
/// </summary>
public sealed class DockerCredentialStore(string configPath)
{
    public DockerCredentialStore() : this(DockerConfigFile.DefaultPath())
    {
    }

    public string ConfigPath { get; } = configPath;

    /// <summary>The credential for <paramref name="domain"/>: the helper's if it has one, else the one in <c>auths</c>, else null.</summary>
    public RegistryCredential? Get(string domain)
    {
        var config = DockerConfigFile.Load(ConfigPath);
        var helper = HelperFor(config, domain);
        return helper?.Get(ServerUrlFor(domain)) ?? config.CredentialFor(domain);
    }

    /// <summary>Stores the credential as docker login does; returns the helper program that holds the secret, or null for config.json.</summary>
    public string? Store(string domain, RegistryCredential credential)
    {
        var config = DockerConfigFile.Load(ConfigPath);
        var helper = HelperFor(config, domain);
        var key = ServerUrlFor(domain);
        if (helper is null)
        {
            config.SetAuth(key, credential);
            config.Save();
            return null;
        }
        helper.Store(key, credential);
        config.SetAuth(key, credential: null);
        try
        {
            config.Save();
        }
        catch
        {
            helper.Erase(key); // no half-done login: the secret goes only where the file says it is
            throw;
        }
        return helper.Program;
    }

    /// <summary>Erases the credential from the helper and from <c>auths</c>; false when there was none.</summary>
    public bool Erase(string domain)
    {
        var config = DockerConfigFile.Load(ConfigPath);
        var helper = HelperFor(config, domain);
        var key = ServerUrlFor(domain);
        // Asked first: some helpers (docker-credential-pass 0.6) fail to erase what they do not hold.
        var inHelper = helper?.Get(key) is not null;
        if (inHelper) helper!.Erase(key);
        var inFile = config.RemoveAuth(domain);
        if (inFile) config.Save();
        return inHelper || inFile;
    }

    private CredentialHelper? HelperFor(DockerConfigFile config, string domain) =>
        config.HelperFor(domain) is { } name ? CredentialHelper.Named(name, ConfigPath) : null;

    // The key docker login uses: host[:port], or Docker Hub's v1 index address.
    private static string ServerUrlFor(string domain) => RegistryHost.ConfigKeysFor(domain).First();
}
