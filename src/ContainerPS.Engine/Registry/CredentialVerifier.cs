namespace ContainerPS.Engine.Registry;

/// <summary>
/// Checks that a registry accepts the client's credentials, as docker login does before it stores them: <c>GET /v2/</c>
/// (distribution-spec spec.md, end-1), answering the challenge it gives (Basic, or a Bearer token fetched with the
/// credentials and no scope). A refusal is the same <c>RegistryUnauthorized</c> error a pull gets.
/// </summary>
internal sealed class CredentialVerifier(RegistryTransport transport)
{
    public async Task VerifyAsync(string domain, CancellationToken ct)
    {
        using var response = await transport.GetAsync(domain, RegistryScope.Login, endpoint => endpoint.ApiUri("/v2/"), null, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Login, domain, ct).ConfigureAwait(false);
    }
}
