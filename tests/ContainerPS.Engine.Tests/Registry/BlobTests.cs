using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class BlobTests(RegistryFixture registry)
{
    private const long OneMiB = 1024 * 1024;

    [Fact]
    public async Task A_config_blob_is_read_whole_and_verified()
    {
        using var client = Client();

        var config = await client.GetBlobAsync(Ref(registry.Anonymous.Host, Repository), registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None);

        Assert.Equal(registry.Image.Config, config);
    }

    [Fact]
    public async Task A_blob_larger_than_the_limit_is_refused_before_it_is_read()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            client.GetBlobAsync(Ref(registry.Anonymous.Host, Repository), registry.Image.LayerDescriptor, 1024, CancellationToken.None));

        Assert.Equal("BlobTooLarge", error.ErrorId);
    }

    [Fact]
    public async Task An_unknown_blob_is_BlobNotFound()
    {
        using var client = Client();
        var missing = registry.Image.ConfigDescriptor with { Digest = Digest.Sha256Of("not in the registry"u8) };

        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            client.GetBlobAsync(Ref(registry.Anonymous.Host, Repository), missing, OneMiB, CancellationToken.None));

        Assert.Equal("BlobNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_blob_whose_bytes_were_changed_on_the_way_is_BlobDigestMismatch()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/blobs/", -1, ManifestTests.FlipLastByte);
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            client.GetBlobAsync(Ref(proxy.Host, Repository), registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None));

        Assert.Equal("BlobDigestMismatch", error.ErrorId);
        Assert.Equal(ErrorKind.DataIntegrity, error.Kind);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public async Task A_descriptor_size_the_registry_disagrees_with_is_BlobSizeMismatch(int sizeError)
    {
        using var client = Client();
        var wrongSize = registry.Image.ConfigDescriptor with { Size = registry.Image.Config.Length + sizeError };

        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            client.GetBlobAsync(Ref(registry.Anonymous.Host, Repository), wrongSize, OneMiB, CancellationToken.None));

        Assert.Equal("BlobSizeMismatch", error.ErrorId);
    }

    [Fact]
    public async Task A_stream_never_yields_more_than_the_descriptor_size_even_without_a_Content_Length()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/blobs/", -1, response =>
            response with { Body = [.. response.Body, .. "trailing junk"u8.ToArray()], OmitContentLength = true });
        using var client = Client();

        await using var stream = await client.OpenBlobAsync(Ref(proxy.Host, Repository), registry.Image.ConfigDescriptor, 0, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal("BlobSizeMismatch", error.ErrorId);
    }

    [Fact]
    public async Task A_body_that_ends_early_every_time_is_BlobSizeMismatch_after_the_retries()
    {
        // The first answer stops half-way, every resumed one at once; no Content-Length, so each end looks clean.
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/blobs/", -1, async (request, forward) =>
        {
            var response = await forward(request);
            var keep = request.Header("Range") is null ? response.Body.Length / 2 : 0;
            return response with { Body = response.Body[..keep], OmitContentLength = true };
        });
        using var client = Client(maxRetries: 2);

        await using var stream = await client.OpenBlobAsync(Ref(proxy.Host, Repository), registry.Image.LayerDescriptor, 0, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal("BlobSizeMismatch", error.ErrorId);
        Assert.Equal(3, proxy.RequestsFor("/blobs/").Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task A_blob_opened_at_an_offset_yields_exactly_the_rest_using_Range(int offset)
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri);
        using var client = Client();

        var rest = await ReadAllAsync(client, proxy.Host, offset);

        Assert.Equal(registry.Image.Layer[offset..], rest);
        var range = Assert.Single(proxy.RequestsFor("/blobs/")).Header("Range");
        Assert.Equal(offset == 0 ? null : $"bytes={offset}-", range);
    }

    [Fact]
    public async Task A_blob_opened_at_its_end_is_empty()
    {
        using var client = Client();

        var rest = await ReadAllAsync(client, registry.Anonymous.Host, registry.Image.Layer.Length);

        Assert.Empty(rest);
    }

    [Fact]
    public async Task A_registry_that_ignores_Range_and_sends_the_whole_blob_is_skipped_forward()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/blobs/", -1, (request, forward) =>
            forward(request with { Headers = request.Headers.Where(h => h.Key != "Range").ToDictionary(StringComparer.OrdinalIgnoreCase) }));
        using var client = Client();

        var rest = await ReadAllAsync(client, proxy.Host, 12345);

        Assert.Equal(registry.Image.Layer[12345..], rest);
    }

    [Fact]
    public async Task A_connection_dropped_mid_blob_is_resumed_from_where_it_stopped()
    {
        const int cut = 70_000;
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/blobs/", 2, response => response with { SendBytes = cut });
        using var client = Client();

        var whole = await ReadAllAsync(client, proxy.Host, 0);

        Assert.Equal(registry.Image.Layer, whole);
        var ranges = proxy.RequestsFor("/blobs/").Select(r => r.Header("Range")).ToList();
        Assert.Equal([null, $"bytes={cut}-", $"bytes={2 * cut}-"], ranges);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_is_RegistryUnavailable_after_the_retries()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/blobs/", -1, response => response with { SendBytes = 0 });
        using var client = Client(maxRetries: 2);

        await using var stream = await client.OpenBlobAsync(Ref(proxy.Host, Repository), registry.Image.LayerDescriptor, 0, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal("RegistryUnavailable", error.ErrorId);
        Assert.Equal(3, proxy.RequestsFor("/blobs/").Count);
    }

    private async Task<byte[]> ReadAllAsync(ContainerPS.Engine.Registry.RegistryClient client, string host, long offset)
    {
        await using var stream = await client.OpenBlobAsync(Ref(host, Repository), registry.Image.LayerDescriptor, offset, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
