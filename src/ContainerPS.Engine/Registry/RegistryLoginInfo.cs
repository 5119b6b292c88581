namespace ContainerPS.Engine.Registry;

/// <summary>
/// A stored registry login: the registry (<c>host[:port]</c>), the user, the config.json it is recorded in and the
/// credential helper program holding the secret (null when config.json holds it).
/// </summary>
public sealed record RegistryLoginInfo(string Registry, string Username, string ConfigPath, string? CredentialHelper);
