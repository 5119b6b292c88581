using System.Net;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// One authenticated GET against a registry repository: resolves the endpoint, attaches the right credentials,
/// retries transient failures, follows redirects, and when the registry answers 401 to credentials it asked for,
/// authenticates afresh once (a token may have been revoked, or the repository wants another realm).
/// </summary>
internal sealed class RegistryTransport(EndpointResolver endpoints, RegistryAuthenticator authenticator, RetryPolicy retry, RedirectFollower redirects)
{
    public RetryPolicy Retry => retry;

    /// <summary>Sends GET to the URI <paramref name="target"/> builds from the endpoint; the caller owns the response, whatever its status.</summary>
    public async Task<HttpResponseMessage> GetAsync(string domain, string repositoryPath, Func<RegistryEndpoint, Uri> target,
        Action<HttpRequestMessage>? configure, CancellationToken ct)
    {
        var endpoint = await endpoints.GetAsync(domain, ct).ConfigureAwait(false);
        var response = await SendAuthorizedAsync(endpoint, repositoryPath, target(endpoint), configure, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenge = AuthChallenge.From(response);
        if (challenge is null || !endpoint.Owns(response.RequestMessage!.RequestUri!)) return response;
        response.Dispose();
        authenticator.Forget(endpoint, repositoryPath);
        endpoint = endpoints.Update(endpoint, challenge);
        return await SendAuthorizedAsync(endpoint, repositoryPath, target(endpoint), configure, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="GetAsync"/>, and a successful body is read into memory (at most <paramref name="maxBytes"/>),
    /// starting over when the connection drops while it is read.
    /// </summary>
    public Task<HttpResponseMessage> GetBufferedAsync(string domain, string repositoryPath, Func<RegistryEndpoint, Uri> target,
        Action<HttpRequestMessage>? configure, long maxBytes, Func<Exception> tooLarge, CancellationToken ct) =>
        retry.RunAsync(RegistryHost.ApiHostFor(domain), async attemptCt =>
        {
            var response = await GetAsync(domain, repositoryPath, target, configure, attemptCt).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return response;
            try
            {
                var body = await BoundedContent.ReadAsync(response.Content, maxBytes, tooLarge, attemptCt).ConfigureAwait(false);
                response.Content = BoundedContent.Buffered(body, response.Content.Headers);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }, ct);

    private async Task<HttpResponseMessage> SendAuthorizedAsync(RegistryEndpoint endpoint, string repositoryPath, Uri uri,
        Action<HttpRequestMessage>? configure, CancellationToken ct)
    {
        var authorization = await authenticator.AuthorizeAsync(endpoint, repositoryPath, ct).ConfigureAwait(false);
        return await retry.SendAsync(endpoint.BaseUri.Authority,
            attemptCt => redirects.SendAsync(endpoint, uri, configure, authorization, attemptCt), ct).ConfigureAwait(false);
    }
}
