using System.Net;
using System.Net.Http.Headers;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// <c>PUT /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> (distribution-spec spec.md, "Pushing Manifests"): the exact bytes, with
/// their media type as Content-Type; a <c>Docker-Content-Digest</c> in the answer must be the bytes' digest, or the registry
/// stored something else than what was sent.
/// </summary>
internal sealed class ManifestWriter(RegistryTransport transport)
{
    public async Task<Digest> PutAsync(ImageReference reference, string mediaType, byte[] content, CancellationToken ct)
    {
        var digest = Digest.Sha256Of(content);
        var path = $"/v2/{reference.Path}/manifests/{Uri.EscapeDataString(reference.ManifestReference)}";
        using var response = await transport.SendAsync(HttpMethod.Put, reference.Domain, RegistryScope.Push(reference.Path), e => e.ApiUri(path),
            request =>
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            }, RetryOnDrop.Yes, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Upload, reference.ToString(), ct).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Digest.TryParse(values.FirstOrDefault(), out var stored) && stored != digest)
            throw Fail.DataIntegrity("ManifestDigestMismatch", $"The registry stored the manifest of {reference} as {stored}, not as the {digest} that was sent.", reference.ToString());
        return digest;
    }
}
