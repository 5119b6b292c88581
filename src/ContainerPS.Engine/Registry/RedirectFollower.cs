using System.Net;
using System.Net.Http.Headers;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Sends a request and follows the redirects of a GET or HEAD by hand (the handler's automatic redirects would decide
/// on their own what to carry along), at most 10 hops. The Authorization header goes only to the registry it belongs
/// to, never to the storage or CDN host a blob redirect points at (distribution-spec spec.md, "Pulling blobs").
/// A push's redirect is returned as it is: its body cannot be sent twice, and the spec has registries answer uploads
/// themselves.
/// </summary>
internal sealed class RedirectFollower(HttpClient http)
{
    public const int MaxRedirects = 10;

    public async Task<HttpResponseMessage> SendAsync(RegistryEndpoint endpoint, HttpMethod method, Uri uri, Action<HttpRequestMessage>? configure,
        AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        var follows = method == HttpMethod.Get || method == HttpMethod.Head;
        for (var hop = 0; ; hop++)
        {
            var request = new HttpRequestMessage(method, uri);
            configure?.Invoke(request);
            if (authorization is not null && endpoint.Owns(uri)) request.Headers.Authorization = authorization;

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!follows || !IsRedirect(response.StatusCode)) return response;

            var next = NextUri(uri, response);
            response.Dispose();
            if (hop + 1 > MaxRedirects)
                throw Fail.Unavailable("TooManyRedirects", $"The registry {endpoint.BaseUri.Authority} redirected {uri} more than {MaxRedirects} times.", uri.ToString());
            uri = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri NextUri(Uri current, HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw Fail.FailedPrecondition("UnexpectedRegistryResponse", $"A redirect from {current.Authority} has no Location header.", current.ToString());
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (next.Scheme is not ("https" or "http"))
            throw Fail.FailedPrecondition("UnexpectedRegistryResponse", $"A redirect from {current.Authority} points at a {next.Scheme} URL.", next.ToString());
        return next;
    }
}
