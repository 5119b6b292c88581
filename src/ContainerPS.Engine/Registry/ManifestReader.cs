using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> (distribution-spec spec.md, "Pulling manifests"): reads at
/// most 4 MiB, learns the media type, refuses schema 1, and checks the bytes against the digest that was asked for.
/// </summary>
internal sealed class ManifestReader(RegistryTransport transport)
{
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public async Task<ManifestResponse> GetAsync(ImageReference reference, CancellationToken ct)
    {
        var path = $"/v2/{reference.Path}/manifests/{Uri.EscapeDataString(reference.ManifestReference)}";
        using var response = await transport.GetBufferedAsync(reference.Domain, RegistryScope.Pull(reference.Path), e => e.ApiUri(path),
            request => request.Headers.Accept.ParseAdd(string.Join(", ", MediaTypes.ManifestAccept)), MaxManifestBytes,
            () => Fail.DataIntegrity("ManifestTooLarge", $"The manifest of {reference} is larger than {MaxManifestBytes} bytes.", reference.ToString()), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Manifest, reference.ToString(), ct).ConfigureAwait(false);

        var content = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        VerifyDigest(reference, content, response);
        var mediaType = MediaTypeOf(content, response.Content.Headers.ContentType?.MediaType, reference);
        var digest = Digest.Sha256Of(content);
        return new ManifestResponse(content, mediaType, digest);
    }

    /// <summary>The body's mediaType wins; Content-Type is the fallback (image-spec manifest.md makes mediaType optional).</summary>
    private static string MediaTypeOf(byte[] content, string? contentType, ImageReference reference)
    {
        MediaTypeProbe? probe;
        try
        {
            probe = JsonSerializer.Deserialize(content, OciJsonContext.Default.MediaTypeProbe);
        }
        catch (JsonException e)
        {
            throw Fail.DataIntegrity("InvalidManifest", $"The manifest of {reference} is not valid JSON: {e.Message}", reference.ToString(), e);
        }

        var mediaType = string.IsNullOrEmpty(probe?.MediaType) ? contentType ?? "" : probe.MediaType;
        if (probe?.SchemaVersion == 1 || MediaTypes.IsSchema1(mediaType) || MediaTypes.IsSchema1(contentType))
            throw Fail.NotSupported("ManifestSchema1NotSupported", $"{reference} is a Docker schema 1 manifest, which is deprecated and not supported.", reference.ToString());
        if (IsKnown(probe?.MediaType) && IsKnown(contentType) && probe!.MediaType != contentType)
            throw Fail.DataIntegrity("ManifestMediaTypeMismatch", $"The manifest of {reference} says it is {probe.MediaType} but was served as {contentType}.", reference.ToString());
        return mediaType;
    }

    private static bool IsKnown(string? mediaType) => MediaTypes.IsManifest(mediaType) || MediaTypes.IsIndex(mediaType);

    /// <summary>
    /// By digest, the bytes must hash to it. By tag, a Docker-Content-Digest header, when sent, must match too
    /// (distribution-spec: a client that uses the header MUST verify it).
    /// </summary>
    private static void VerifyDigest(ImageReference reference, byte[] content, HttpResponseMessage response)
    {
        Digest? expected = reference.Digest;
        if (expected is null && response.Headers.TryGetValues("Docker-Content-Digest", out var values) &&
            Digest.TryParse(values.FirstOrDefault(), out var announced))
            expected = announced;
        if (expected is { } digest && !ContentDigest.Matches(digest, content))
            throw Fail.DataIntegrity("ManifestDigestMismatch", $"The manifest served for {reference} does not match the digest {digest}.", reference.ToString());
    }
}
