namespace ContainerPS.Engine.Registry;

/// <summary>
/// Credentials as docker keeps them, in <c>$DOCKER_CONFIG/config.json</c> (else <c>~/.docker/config.json</c>) and the
/// credential helpers it names: see <see cref="DockerCredentialStore"/>.
/// </summary>
public sealed class DockerConfigCredentialProvider : ICredentialProvider
{
    private readonly DockerCredentialStore _store;

    public DockerConfigCredentialProvider() : this(DefaultPath())
    {
    }

    public DockerConfigCredentialProvider(string configPath)
    {
        _store = new DockerCredentialStore(configPath);
    }

    public string ConfigPath => _store.ConfigPath;

    /// <summary>Where Docker keeps its client configuration for this process.</summary>
    public static string DefaultPath() => DockerConfigFile.DefaultPath();

    public RegistryCredential? GetCredential(string registryHost) => _store.Get(registryHost);
}
