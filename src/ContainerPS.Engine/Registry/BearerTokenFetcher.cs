using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Gets a token from the realm a Bearer challenge names (distribution docs, spec/auth/token.md):
/// <c>GET realm?service=…&amp;scope=…</c>, with Basic credentials when we have them; an identity token (a refresh
/// token from <c>docker login</c>) is exchanged instead with the OAuth2 form <c>POST</c> (spec/auth/oauth.md,
/// grant_type=refresh_token). The answer is read at most 1 MiB.
/// </summary>
internal sealed class BearerTokenFetcher(HttpClient http, RetryPolicy retry, TimeProvider time)
{
    private const int MaxTokenResponseBytes = 1024 * 1024;
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);
    private const string ClientId = "containerps";

    public Task<BearerToken> FetchAsync(RegistryEndpoint endpoint, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredential? credential, CancellationToken ct)
    {
        var realm = TokenRealmValidator.Validate(challenge.Realm, endpoint);
        return retry.RunAsync(realm.Authority, async attemptCt =>
        {
            using var response = await retry.SendAsync(realm.Authority, sendCt =>
            {
                var request = credential is { IsIdentityToken: true }
                    ? RefreshTokenRequest(realm, challenge.Service, scopes, credential)
                    : TokenRequest(realm, challenge.Service, scopes, credential);
                return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, sendCt);
            }, attemptCt).ConfigureAwait(false);

            if (!response.IsSuccessStatusCode)
                throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Token, realm.GetLeftPart(UriPartial.Path), attemptCt).ConfigureAwait(false);
            return await ReadTokenAsync(response, realm, attemptCt).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>One <c>scope</c> parameter per scope (token.md: the parameter may be given several times).</summary>
    private static HttpRequestMessage TokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential)
    {
        var query = new List<string>();
        if (realm.Query.Length > 1) query.Add(realm.Query[1..]);
        if (service is not null) query.Add("service=" + Uri.EscapeDataString(service));
        query.AddRange(scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));
        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realm) { Query = string.Join('&', query) }.Uri);
        if (credential is not null) request.Headers.Authorization = BasicAuthorization(credential);
        return request;
    }

    /// <summary>The OAuth2 form carries the scopes space-delimited in one field (oauth.md, "Refresh token format").</summary>
    private static HttpRequestMessage RefreshTokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential credential)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = credential.Secret,
            ["service"] = service ?? "",
            ["scope"] = string.Join(' ', scopes),
            ["client_id"] = ClientId,
        };
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    public static AuthenticationHeaderValue BasicAuthorization(RegistryCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Secret}")));

    private async Task<BearerToken> ReadTokenAsync(HttpResponseMessage response, Uri realm, CancellationToken ct)
    {
        var body = await BoundedContent.ReadAsync(response.Content, MaxTokenResponseBytes,
            () => Invalid(realm, $"its answer is larger than {MaxTokenResponseBytes} bytes"), ct).ConfigureAwait(false);
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, RegistryJsonContext.Default.TokenResponse);
        }
        catch (JsonException e)
        {
            throw Invalid(realm, "its answer is not JSON", e);
        }
        var token = string.IsNullOrEmpty(parsed?.Token) ? parsed?.AccessToken : parsed.Token;
        if (string.IsNullOrEmpty(token)) throw Invalid(realm, "its answer holds no token");
        var lifetime = parsed!.ExpiresIn is long seconds and > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, 86400)) : DefaultLifetime;
        return new BearerToken(token, time.GetUtcNow() + lifetime);
    }

    private static ContainerPSException Invalid(Uri realm, string why, Exception? inner = null) =>
        Fail.Unauthenticated("InvalidTokenResponse", $"The token server {realm.GetLeftPart(UriPartial.Path)} failed: {why}.", realm.GetLeftPart(UriPartial.Path), inner);
}
