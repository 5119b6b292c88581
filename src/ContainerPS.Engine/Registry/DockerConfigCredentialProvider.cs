using System.Text;
using System.Text.Json;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Credentials from Docker's <c>config.json</c> (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>):
/// <c>auths[host]</c> with <c>auth</c> (base64 of user:password), or <c>username</c>/<c>password</c>, or
/// <c>identitytoken</c> (a refresh token for the token server). Keys may be URLs (<c>https://host/v1/</c>); Docker
/// Hub's key is its v1 index address. Credential helpers (<c>credsStore</c>, <c>credHelpers</c>) are not run.
/// The file is read on each lookup, so a login in another session is seen.
/// </summary>
public sealed class DockerConfigCredentialProvider : ICredentialProvider
{
    private const long MaxConfigBytes = 4 * 1024 * 1024;

    public DockerConfigCredentialProvider() : this(DefaultPath())
    {
    }

    public DockerConfigCredentialProvider(string configPath)
    {
        ConfigPath = configPath;
    }

    public string ConfigPath { get; }

    /// <summary>Where Docker keeps its client configuration for this process.</summary>
    public static string DefaultPath()
    {
        var dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir)) dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return Path.Combine(dir, "config.json");
    }

    public RegistryCredential? GetCredential(string registryHost)
    {
        var auths = ReadAuths();
        if (auths is null) return null;
        foreach (var key in RegistryHost.ConfigKeysFor(registryHost).Select(RegistryHost.NormalizeConfigKey))
        {
            foreach (var entry in auths.Value.EnumerateObject())
            {
                if (RegistryHost.NormalizeConfigKey(entry.Name) == key && CredentialOf(entry.Value) is { } credential) return credential;
            }
        }
        return null;
    }

    private JsonElement? ReadAuths()
    {
        var file = new FileInfo(ConfigPath);
        if (!file.Exists) return null;
        if (file.Length > MaxConfigBytes) throw Invalid($"it is larger than {MaxConfigBytes} bytes");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(ConfigPath));
            return document.RootElement.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object
                ? auths.Clone()
                : null;
        }
        catch (JsonException e)
        {
            throw Invalid(e.Message, e);
        }
    }

    private RegistryCredential? CredentialOf(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object) return null;
        var (user, password) = DecodeAuth(String(entry, "auth"));
        user ??= String(entry, "username");
        password ??= String(entry, "password");
        var identityToken = String(entry, "identitytoken");
        if (!string.IsNullOrEmpty(identityToken)) return new RegistryCredential(user ?? "", identityToken, IsIdentityToken: true);
        return string.IsNullOrEmpty(user) ? null : new RegistryCredential(user, password ?? "");
    }

    private (string? User, string? Password) DecodeAuth(string? auth)
    {
        if (string.IsNullOrEmpty(auth)) return (null, null);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        }
        catch (FormatException e)
        {
            throw Invalid("an 'auth' value is not base64", e);
        }
        var colon = text.IndexOf(':');
        if (colon < 0) throw Invalid("an 'auth' value is not user:password");
        return (text[..colon], text[(colon + 1)..]);
    }

    private static string? String(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private ContainerPSException Invalid(string why, Exception? inner = null) =>
        Fail.InvalidArgument("DockerConfigInvalid", $"Docker's config file {ConfigPath} cannot be used: {why}.", ConfigPath, inner);
}
