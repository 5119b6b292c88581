using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Chooses the Authorization header for requests to one registry repository, from the registry's challenge:
/// none (anonymous), Basic (the user's credentials) or Bearer (a token for the request's scope, e.g.
/// <c>repository:&lt;name&gt;:pull</c>, cached).
/// Credentials are looked up by the reference's domain and only ever sent to that registry or its token realm.
/// </summary>
internal sealed class RegistryAuthenticator(ICredentialProvider credentials, TokenCache tokens, BearerTokenFetcher fetcher)
{
    private readonly ConcurrentDictionary<string, RegistryCredential?> _credentials = new(StringComparer.OrdinalIgnoreCase);

    public async Task<AuthenticationHeaderValue?> AuthorizeAsync(RegistryEndpoint endpoint, RegistryScope scope, CancellationToken ct)
    {
        var challenge = endpoint.Challenge;
        if (challenge is null) return null;
        var credential = CredentialFor(endpoint.Domain);

        if (challenge.IsBasic)
            return credential is { IsIdentityToken: false } ? BearerTokenFetcher.BasicAuthorization(credential) : null;
        if (!challenge.IsBearer) return null;

        var token = await tokens.GetOrFetchAsync(TokenKey(endpoint, scope),
            () => fetcher.FetchAsync(endpoint, challenge, scope.TokenScopes, credential, ct)).ConfigureAwait(false);
        return new AuthenticationHeaderValue("Bearer", token.Value);
    }

    // Looked up once per registry: a provider may read a file, and a pull makes many requests.
    private RegistryCredential? CredentialFor(string domain) =>
        _credentials.GetOrAdd(domain, d => credentials.GetCredential(d));

    /// <summary>Forgets the cached token after the registry refused it (revoked, or expired early).</summary>
    public void Forget(RegistryEndpoint endpoint, RegistryScope scope) => tokens.Invalidate(TokenKey(endpoint, scope));

    private static string TokenKey(RegistryEndpoint endpoint, RegistryScope scope) =>
        TokenCache.Key(endpoint.BaseUri.Authority, scope.CacheKey);
}
