namespace ContainerPS;

/// <summary>A stored registry login, as Connect-Registry -PassThru writes it (PSTypeName <c>ContainerPS.RegistryLogin</c>).</summary>
public sealed class RegistryLogin
{
    /// <summary>The registry, <c>host[:port]</c> (<c>docker.io</c> for Docker Hub).</summary>
    public string Registry { get; init; } = "";

    public string Username { get; init; } = "";

    /// <summary>Where the secret is kept: <c>config.json</c>, or the credential helper program (<c>docker-credential-pass</c>).</summary>
    public string StoredIn { get; init; } = "";

    /// <summary>The Docker config.json that records the login.</summary>
    public string ConfigPath { get; init; } = "";

    public override string ToString() => $"{Username}@{Registry}";

    internal static RegistryLogin From(Engine.Registry.RegistryLoginInfo info) => new()
    {
        Registry = info.Registry,
        Username = info.Username,
        StoredIn = info.CredentialHelper ?? "config.json",
        ConfigPath = info.ConfigPath,
    };
}
