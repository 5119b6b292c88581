using System.Net.Http.Headers;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// Puts content into a registry the way a client pushes (distribution-spec spec.md, "Pushing blobs" monolithic
/// POST then PUT, and "Pushing Manifests").
/// </summary>
public sealed class RegistryUploader(Uri registry) : IDisposable
{
    private readonly HttpClient _http = new();

    public async Task PushAsync(string repository, string tag, TestImage image)
    {
        await PushBlobAsync(repository, image.Layer);
        await PushBlobAsync(repository, image.Config);
        await PushManifestAsync(repository, tag, image.Manifest, image.ManifestMediaType);
    }

    public async Task PushBlobAsync(string repository, byte[] blob)
    {
        using var start = await _http.PostAsync(new Uri(registry, $"/v2/{repository}/blobs/uploads/"), null);
        start.EnsureSuccessStatusCode();
        var location = new Uri(registry, start.Headers.Location!);
        var separator = location.Query.Length > 0 ? "&" : "?";
        var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var finish = await _http.PutAsync(new Uri(location + separator + "digest=" + Digest.Sha256Of(blob)), content);
        finish.EnsureSuccessStatusCode();
    }

    public async Task PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _http.PutAsync(new Uri(registry, $"/v2/{repository}/manifests/{reference}"), content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT manifest {repository}:{reference}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();
}
