using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class ManifestTests(RegistryFixture registry)
{
    [Fact]
    public async Task A_manifest_by_tag_comes_back_byte_for_byte_with_its_digest_and_the_served_media_type()
    {
        using var client = Client();

        var manifest = await client.GetManifestAsync(Ref(registry.Anonymous.Host, $"{Repository}:v1"), CancellationToken.None);

        Assert.Equal(registry.Image.Manifest, manifest.Content);
        Assert.Equal(registry.Image.ManifestDigest, manifest.Digest);
        // The OCI manifest has no mediaType field: the type comes from Content-Type.
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
    }

    [Fact]
    public async Task A_manifest_by_digest_is_verified_and_its_body_media_type_wins()
    {
        using var client = Client();
        var reference = Ref(registry.Anonymous.Host, $"{Repository}@{registry.DockerImage.ManifestDigest}");

        var manifest = await client.GetManifestAsync(reference, CancellationToken.None);

        Assert.Equal(registry.DockerImage.Manifest, manifest.Content);
        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
    }

    [Fact]
    public async Task An_index_is_returned_as_an_index()
    {
        using var client = Client();

        var index = await client.GetManifestAsync(Ref(registry.Anonymous.Host, $"{Repository}:multi"), CancellationToken.None);

        Assert.Equal(MediaTypes.OciIndex, index.MediaType);
        Assert.Equal(registry.Image.Index(), index.Content);
    }

    [Theory]
    [InlineData("test/app:no-such-tag")]
    [InlineData("no/such-repository:v1")]
    [InlineData("test/app@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task What_the_registry_does_not_have_is_ImageNotFound(string name)
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(registry.Anonymous.Host, name), CancellationToken.None));

        Assert.Equal("ImageNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Bytes_that_do_not_match_the_requested_digest_are_ManifestDigestMismatch()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/manifests/", -1, FlipLastByte);
        using var client = Client();
        var reference = Ref(proxy.Host, $"{Repository}@{registry.Image.ManifestDigest}");

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(reference, CancellationToken.None));

        Assert.Equal("ManifestDigestMismatch", error.ErrorId);
        Assert.Equal(ErrorKind.DataIntegrity, error.Kind);
    }

    [Fact]
    public async Task A_tag_whose_bytes_contradict_the_Docker_Content_Digest_header_is_ManifestDigestMismatch()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/manifests/", -1, FlipLastByte);
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal("ManifestDigestMismatch", error.ErrorId);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"name":"test/app","tag":"v1","fsLayers":[]}""", "application/json")]
    [InlineData("""{"schemaVersion":2}""", MediaTypes.DockerSchema1Signed)]
    public async Task Schema_1_manifests_are_refused(string body, string contentType)
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/manifests/", -1, (_, _) =>
            Task.FromResult(TestHttpResponse.Text(200, body).With("Content-Type", contentType)));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal("ManifestSchema1NotSupported", error.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, error.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_manifest_over_4_MiB_is_ManifestTooLarge_whether_or_not_it_announces_its_length(bool omitContentLength)
    {
        var huge = new byte[4 * 1024 * 1024 + 1];
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/manifests/", -1, (_, _) =>
            Task.FromResult(new TestHttpResponse(200, huge) { OmitContentLength = omitContentLength }.With("Content-Type", MediaTypes.OciManifest)));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal("ManifestTooLarge", error.ErrorId);
    }

    [Fact]
    public async Task A_body_media_type_that_contradicts_Content_Type_is_refused()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/manifests/", -1, response =>
            new TestHttpResponse(200, response.Body).With("Content-Type", MediaTypes.OciIndex));
        using var client = Client();
        var reference = Ref(proxy.Host, $"{Repository}@{registry.DockerImage.ManifestDigest}");

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(reference, CancellationToken.None));

        Assert.Equal("ManifestMediaTypeMismatch", error.ErrorId);
    }

    internal static TestHttpResponse FlipLastByte(TestHttpResponse response)
    {
        var body = response.Body.ToArray();
        body[^2] ^= 0x01; // the byte before the closing brace: still the same length
        return response with { Body = body };
    }
}
