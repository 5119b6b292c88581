using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// One <c>auths</c> entry of Docker's config.json: <c>auth</c> (base64 of user:password), or <c>username</c>/<c>password</c>,
/// or <c>identitytoken</c> (a refresh token for the token server); <c>{}</c> when a credential helper holds the secret.
/// </summary>
internal static class DockerAuthEntry
{
    public static JsonObject From(RegistryCredential credential) => credential.IsIdentityToken
        ? new JsonObject { ["auth"] = Base64($"{credential.Username}:"), ["identitytoken"] = credential.Secret }
        : new JsonObject { ["auth"] = Base64($"{credential.Username}:{credential.Secret}") };

    /// <summary>The credential the entry holds, or null when it holds none; <paramref name="configPath"/> names the file in errors.</summary>
    public static RegistryCredential? CredentialOf(JsonObject entry, string configPath)
    {
        var (user, password) = DecodeAuth(StringProperty(entry, "auth"), configPath);
        user ??= StringProperty(entry, "username");
        password ??= StringProperty(entry, "password");
        var identityToken = StringProperty(entry, "identitytoken");
        if (!string.IsNullOrEmpty(identityToken)) return new RegistryCredential(user ?? "", identityToken, IsIdentityToken: true);
        return string.IsNullOrEmpty(user) ? null : new RegistryCredential(user, password ?? "");
    }

    private static (string? User, string? Password) DecodeAuth(string? auth, string configPath)
    {
        if (string.IsNullOrEmpty(auth)) return (null, null);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        }
        catch (FormatException e)
        {
            throw DockerConfigFile.Invalid(configPath, "an 'auth' value is not base64", e);
        }
        var colon = text.IndexOf(':');
        if (colon < 0) throw DockerConfigFile.Invalid(configPath, "an 'auth' value is not user:password");
        return (text[..colon], text[(colon + 1)..]);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string? StringProperty(JsonObject entry, string name) =>
        entry[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string?)value : null;
}
