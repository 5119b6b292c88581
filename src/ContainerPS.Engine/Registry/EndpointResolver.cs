using System.Collections.Concurrent;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Decides how to reach a registry and remembers it per host: HTTPS by default; for the hosts
/// <see cref="InsecureHostPolicy"/> allows, Docker's rule for insecure registries: try HTTPS (certificate not
/// verified), then fall back to plain HTTP. The <c>GET /v2/</c> probe (distribution-spec spec.md, end-1) also
/// yields the authentication challenge.
/// </summary>
internal sealed class EndpointResolver(HttpClient http, InsecureHostPolicy insecure, RetryPolicy retry)
{
    private readonly ConcurrentDictionary<string, RegistryEndpoint> _endpoints = new(StringComparer.OrdinalIgnoreCase);

    public async Task<RegistryEndpoint> GetAsync(string domain, CancellationToken ct)
    {
        if (_endpoints.TryGetValue(domain, out var known)) return known;
        var probed = await ProbeAsync(domain, ct).ConfigureAwait(false);
        return _endpoints.GetOrAdd(domain, probed);
    }

    /// <summary>Remembers a newer challenge (a 401 on a request may name another realm or scheme than the probe did).</summary>
    public RegistryEndpoint Update(RegistryEndpoint endpoint, AuthChallenge challenge) =>
        _endpoints[endpoint.Domain] = endpoint with { Challenge = challenge };

    private async Task<RegistryEndpoint> ProbeAsync(string domain, CancellationToken ct)
    {
        var apiHost = RegistryHost.ApiHostFor(domain);
        string[] schemes = insecure.IsInsecure(domain) || insecure.IsInsecure(apiHost) ? ["https", "http"] : ["https"];
        using var response = await retry.SendAsync(apiHost, attemptCt => ProbeSchemesAsync(apiHost, schemes, attemptCt), ct).ConfigureAwait(false);
        if (RetryPolicy.IsTransient(response.StatusCode))
            throw Fail.Unavailable("RegistryUnavailable", $"The registry {apiHost} answered {(int)response.StatusCode} {response.ReasonPhrase} to every attempt.", apiHost);
        var baseUri = new Uri(response.RequestMessage!.RequestUri!, "/");
        return new RegistryEndpoint(domain, baseUri, AuthChallenge.From(response));
    }

    private async Task<HttpResponseMessage> ProbeSchemesAsync(string apiHost, string[] schemes, CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{schemes[i]}://{apiHost}/v2/");
            try
            {
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (i + 1 < schemes.Length)
            {
                // No TLS there (or nothing at all): an insecure registry may speak plain HTTP.
            }
        }
    }
}
