using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// A token server's answer (distribution docs, spec/auth/token.md "Token Response Fields"): the token is in
/// <c>token</c> or, OAuth2-style, <c>access_token</c>; <c>expires_in</c> is seconds and defaults to 60.
/// </summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; init; }
    [JsonPropertyName("issued_at")] public string? IssuedAt { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
}
