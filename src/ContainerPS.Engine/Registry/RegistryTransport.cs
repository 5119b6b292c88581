using System.Net;
using System.Net.Http.Headers;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// One authenticated request against a registry resource (a repository, or the catalog): resolves the endpoint, attaches the
/// right credentials, retries transient failures, follows a GET's redirects, and when the registry answers 401 to credentials it
/// asked for, authenticates afresh once (a token may have been revoked, or the repository wants another realm).
/// </summary>
internal sealed class RegistryTransport(EndpointResolver endpoints, RegistryAuthenticator authenticator, RetryPolicy retry, RedirectFollower redirects)
{
    public RetryPolicy Retry => retry;

    /// <summary>Sends GET to the URI <paramref name="target"/> builds from the endpoint; the caller owns the response, whatever its status.</summary>
    public Task<HttpResponseMessage> GetAsync(string domain, RegistryScope scope, Func<RegistryEndpoint, Uri> target,
        Action<HttpRequestMessage>? configure, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, domain, scope, target, configure, RetryOnDrop.Yes, ct);

    /// <summary>
    /// Sends <paramref name="method"/>; <paramref name="configure"/> runs for every attempt, so a body it sets is made afresh each
    /// time. With <see cref="RetryOnDrop.No"/> a dropped connection is thrown as it is, for the caller to find out what arrived.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string domain, RegistryScope scope, Func<RegistryEndpoint, Uri> target,
        Action<HttpRequestMessage>? configure, RetryOnDrop retryOnDrop, CancellationToken ct)
    {
        var endpoint = await endpoints.GetAsync(domain, ct).ConfigureAwait(false);
        var authorization = await authenticator.AuthorizeAsync(endpoint, scope, ct).ConfigureAwait(false);
        var response = await SendAsync(endpoint, method, target(endpoint), configure, authorization, retryOnDrop, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        // Only the registry's own 401 is worth a second try; a redirect target's 401 is not ours to answer.
        var challenge = AuthChallenge.From(response);
        if (challenge is null || !endpoint.Owns(response.RequestMessage!.RequestUri!)) return response;
        authenticator.Forget(endpoint, scope);
        endpoint = endpoints.Update(endpoint, challenge);
        var renewed = await authenticator.AuthorizeAsync(endpoint, scope, ct).ConfigureAwait(false);
        if (renewed is null) return response; // nothing new to offer (no credentials for this challenge)
        response.Dispose();
        return await SendAsync(endpoint, method, target(endpoint), configure, renewed, retryOnDrop, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="GetAsync"/>, and a successful body is read into memory (at most <paramref name="maxBytes"/>),
    /// starting over when the connection drops while it is read.
    /// </summary>
    public Task<HttpResponseMessage> GetBufferedAsync(string domain, RegistryScope scope, Func<RegistryEndpoint, Uri> target,
        Action<HttpRequestMessage>? configure, long maxBytes, Func<Exception> tooLarge, CancellationToken ct) =>
        retry.RunAsync(RegistryHost.ApiHostFor(domain), async attemptCt =>
        {
            var response = await GetAsync(domain, scope, target, configure, attemptCt).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return response;
            try
            {
                using var silence = CancellationTokenSource.CreateLinkedTokenSource(attemptCt);
                silence.CancelAfter(RetryPolicy.SilenceTimeout);
                var body = await BoundedContent.ReadAsync(response.Content, maxBytes, tooLarge, silence.Token).ConfigureAwait(false);
                response.Content = BoundedContent.Buffered(body, response.Content.Headers);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }, ct);

    private Task<HttpResponseMessage> SendAsync(RegistryEndpoint endpoint, HttpMethod method, Uri uri, Action<HttpRequestMessage>? configure,
        AuthenticationHeaderValue? authorization, RetryOnDrop retryOnDrop, CancellationToken ct)
    {
        var host = endpoint.BaseUri.Authority;
        Task<HttpResponseMessage> Attempt(CancellationToken attemptCt) => redirects.SendAsync(endpoint, method, uri, configure, authorization, attemptCt);
        return retryOnDrop == RetryOnDrop.Yes ? retry.SendAsync(host, Attempt, ct) : RetryPolicy.SendOnceAsync(host, Attempt, ct);
    }
}
