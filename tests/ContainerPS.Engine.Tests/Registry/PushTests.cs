using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

/// <summary>Pushes to the real registry (distribution 2.8), read back with the pull side; faults come from a <see cref="FaultProxy"/>.</summary>
[Collection(RegistryCollection.Name)]
public sealed class PushTests(RegistryFixture registry) : IDisposable
{
    private const long SmallChunks = 64 * 1024;
    private readonly PulledStore _store = new();

    public void Dispose() => _store.Dispose();

    private string Source => $"{registry.Anonymous.Host}/{Repository}:v1";

    [Fact]
    public async Task A_push_keeps_the_pulled_manifest_bytes_and_a_second_push_sends_nothing()
    {
        ImageInfo image = await _store.PullAsync(Source);
        string destination = $"{registry.Basic.Host}/push/kept:v1";
        RegistryOptions alice = Options(new StaticCredentialProvider(registry.Basic.Host, new RegistryCredential(TokenIssuer.User, TokenIssuer.Password)));

        PushResult first = await _store.PushAsync(Source, destination, alice);
        PushResult second = await _store.PushAsync(Source, destination, alice);

        Assert.Equal(image.ManifestDigest, first.Digest);
        Assert.Equal((2, 0, 0), (first.BlobsUploaded, first.BlobsMounted, first.BlobsExisting));
        Assert.Equal((0, 0, 2), (second.BlobsUploaded, second.BlobsMounted, second.BlobsExisting));
        using RegistryClient client = Client();
        ManifestResponse pulled = await client.GetManifestAsync(Ref(registry.Anonymous.Host, "push/kept:v1"), CancellationToken.None);
        Assert.Equal(registry.Image.Manifest, pulled.Content);
    }

    [Fact]
    public async Task Blobs_the_registry_holds_in_the_repository_pulled_from_are_mounted_not_sent()
    {
        await _store.PullAsync(Source);
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri);

        PushResult result = await _store.PushAsync(Source, $"{registry.Anonymous.Host}/push/mounted:v1");

        Assert.Equal((0, 2), (result.BlobsUploaded, result.BlobsMounted));
        using RegistryClient client = Client();
        byte[] layer = await client.GetBlobAsync(Ref(registry.Anonymous.Host, "push/mounted"), registry.Image.LayerDescriptor, 1 << 20, CancellationToken.None);
        Assert.Equal(registry.Image.Layer, layer);
    }

    [Fact]
    public async Task A_large_blob_goes_in_ranged_chunks_and_a_dropped_chunk_resumes_where_the_registry_says()
    {
        await _store.PullAsync(Source);
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri);
        var patches = 0;
        proxy.On("/blobs/uploads/", -1, (request, forward) =>
            request.Method == "PATCH" && Interlocked.Increment(ref patches) == 2 ? Task.FromResult(TestHttpResponse.Dropped) : forward(request));

        PushResult result = await _store.PushAsync(Source, $"{proxy.Host}/push/chunked:v1", ChunkedOptions());

        Assert.Equal(2, result.BlobsUploaded);
        List<string?> ranges = proxy.RequestsFor("/blobs/uploads/").Where(r => r.Method == "PATCH").Select(r => r.Header("Content-Range")).ToList();
        Assert.Equal(ChunkRanges(registry.Image.Layer.Length, dropped: 1), ranges);
        Assert.Contains(proxy.RequestsFor("/blobs/uploads/"), r => r.Method == "GET");
        await AssertLayerReadsBackAsync("push/chunked");
    }

    [Fact]
    public async Task A_chunk_cut_after_the_registry_kept_part_of_it_starts_the_blob_afresh_and_the_digest_still_holds()
    {
        await _store.PullAsync(Source);
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri);
        var patches = 0;
        proxy.On("/blobs/uploads/", -1, async (request, forward) =>
        {
            if (request.Method != "PATCH" || Interlocked.Increment(ref patches) != 2) return await forward(request);
            await forward(HalfOf(request)); // the registry keeps half the chunk, the client hears nothing
            return TestHttpResponse.Dropped;
        });

        PushResult result = await _store.PushAsync(Source, $"{proxy.Host}/push/restarted:v1", ChunkedOptions());

        Assert.Equal(2, result.BlobsUploaded);
        List<TestHttpRequest> posts = proxy.RequestsFor("/blobs/uploads/").Where(r => r.Method == "POST").ToList();
        Assert.Equal(3, posts.Count); // the config, the layer, and the layer again
        await AssertLayerReadsBackAsync("push/restarted");
    }

    [Fact]
    public async Task A_cancelled_push_leaves_the_tag_unset_and_the_next_push_skips_what_arrived()
    {
        await _store.PullAsync(Source);
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri);
        using var cancel = new CancellationTokenSource();
        proxy.On("/manifests/", 1, (_, _) =>
        {
            cancel.Cancel();
            return Task.FromResult(TestHttpResponse.Dropped);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PushAsync(Source, $"{proxy.Host}/push/cancelled:v1", ct: cancel.Token));
        using RegistryClient client = Client();
        var missing = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(registry.Anonymous.Host, "push/cancelled:v1"), CancellationToken.None));
        Assert.Equal("ImageNotFound", missing.ErrorId);

        PushResult again = await _store.PushAsync(Source, $"{proxy.Host}/push/cancelled:v1");
        Assert.Equal((0, 2), (again.BlobsUploaded, again.BlobsExisting));
    }

    [Fact]
    public async Task A_token_registry_gives_push_only_to_the_user_and_a_mount_asks_for_both_repositories()
    {
        string source = $"{registry.Token.Host}/tok/push:v1";
        await _store.PullAsync(source);

        var refused = await Assert.ThrowsAsync<ContainerPSException>(() => _store.PushAsync(source, $"{registry.Token.Host}/tok/pushed:v1"));
        Assert.Equal("RegistryUnauthorized", refused.ErrorId);

        RegistryOptions alice = Options(new StaticCredentialProvider(registry.Token.Host, new RegistryCredential(TokenIssuer.User, TokenIssuer.Password)));
        PushResult result = await _store.PushAsync(source, $"{registry.Token.Host}/tok/pushed:v1", alice);
        Assert.Equal(2, result.BlobsMounted);
        Assert.Contains(registry.Issuer.Requests, r =>
            TokenIssuer.ScopesOf(TokenIssuer.Parameters(r)).SequenceEqual(["repository:tok/pushed:pull,push", "repository:tok/push:pull"]));
    }

    [Fact]
    public async Task All_platforms_push_the_index_once_every_platform_is_stored_and_name_the_missing_ones_before()
    {
        using (var uploader = new RegistryUploader(registry.Anonymous.BaseUri))
            await uploader.PushManifestAsync(Repository, "two", TwoPlatformIndex(), MediaTypes.OciIndex);
        string source = $"{registry.Anonymous.Host}/{Repository}:two";
        await _store.PullAsync(source, Platform.Parse("linux/amd64"));

        var missing = await Assert.ThrowsAsync<ContainerPSException>(() => _store.PushAsync(source, $"{registry.Anonymous.Host}/push/all:two", allPlatforms: true));
        Assert.Equal("PlatformsMissing", missing.ErrorId);
        Assert.Contains("linux/arm64", missing.Message);
        Assert.DoesNotContain("linux/amd64", missing.Message);

        await _store.PullAsync(source, Platform.Parse("linux/arm64"));
        PushResult result = await _store.PushAsync(source, $"{registry.Anonymous.Host}/push/all:two", allPlatforms: true);
        Assert.Equal(Digest.Sha256Of(TwoPlatformIndex()), result.Digest);
        Assert.Equal(2, result.Manifests);
    }

    [Fact]
    public async Task All_platforms_name_an_absent_attestation_manifest_as_such_not_as_a_platform()
    {
        using (var uploader = new RegistryUploader(registry.Anonymous.BaseUri))
            await uploader.PushManifestAsync(Repository, "attested", AttestedIndex(), MediaTypes.OciIndex);
        string source = $"{registry.Anonymous.Host}/{Repository}:attested";
        await _store.PullAsync(source, Platform.Parse("linux/amd64"));

        var missing = await Assert.ThrowsAsync<ContainerPSException>(() => _store.PushAsync(source, $"{registry.Anonymous.Host}/push/attested:v1", allPlatforms: true));

        Assert.Equal("PlatformsMissing", missing.ErrorId);
        Assert.Contains("1 attestation manifest", missing.Message);
        Assert.DoesNotContain("unknown", missing.Message);
        Assert.DoesNotContain("these platforms", missing.Message);
    }

    [Fact]
    public async Task An_image_picked_by_id_needs_a_destination()
    {
        ImageInfo image = await _store.PullAsync(Source);

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => _store.PushAsync(image.Id.ToString(), null));

        Assert.Equal("PushDestinationRequired", error.ErrorId);
    }

    private static RegistryOptions ChunkedOptions() => Options() with { UploadChunkBytes = SmallChunks };

    /// <summary>The Content-Range of each PATCH: one per chunk, the <paramref name="dropped"/>-th sent twice.</summary>
    private static List<string?> ChunkRanges(long size, int dropped)
    {
        var ranges = new List<string?>();
        for (long offset = 0, chunk = 0; offset < size; offset += SmallChunks, chunk++)
        {
            var range = $"{offset}-{Math.Min(offset + SmallChunks, size) - 1}";
            ranges.Add(range);
            if (chunk == dropped) ranges.Add(range);
        }
        return ranges;
    }

    private static TestHttpRequest HalfOf(TestHttpRequest request)
    {
        var start = long.Parse(request.Header("Content-Range")!.Split('-')[0]);
        var half = request.Body[..(request.Body.Length / 2)];
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        headers["Content-Range"] = $"{start}-{start + half.Length - 1}";
        return request with { Headers = headers, Body = half };
    }

    private async Task AssertLayerReadsBackAsync(string repository)
    {
        using RegistryClient client = Client();
        byte[] layer = await client.GetBlobAsync(Ref(registry.Anonymous.Host, repository), registry.Image.LayerDescriptor, 1 << 20, CancellationToken.None);
        Assert.Equal(registry.Image.Layer, layer);
    }

    // An image and, as buildkit stores provenance, an attestation manifest for it (platform unknown/unknown).
    private byte[] AttestedIndex() => System.Text.Encoding.UTF8.GetBytes(
        $$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{registry.Image.ManifestMediaType}}}","digest":"{{{registry.Image.ManifestDigest}}}","size":{{{registry.Image.Manifest.Length}}},"platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"{{{registry.DockerImage.ManifestMediaType}}}","digest":"{{{registry.DockerImage.ManifestDigest}}}","size":{{{registry.DockerImage.Manifest.Length}}},"annotations":{"vnd.docker.reference.digest":"{{{registry.Image.ManifestDigest}}}","vnd.docker.reference.type":"attestation-manifest"},"platform":{"architecture":"unknown","os":"unknown"}}]}""");

    private byte[] TwoPlatformIndex() => System.Text.Encoding.UTF8.GetBytes(
        $$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{registry.Image.ManifestMediaType}}}","digest":"{{{registry.Image.ManifestDigest}}}","size":{{{registry.Image.Manifest.Length}}},"platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"{{{registry.DockerImage.ManifestMediaType}}}","digest":"{{{registry.DockerImage.ManifestDigest}}}","size":{{{registry.DockerImage.Manifest.Length}}},"platform":{"architecture":"arm64","os":"linux"}}]}""");
}
