using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Tests.Layers;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Images;

public sealed class LocalImageWriterTests : IDisposable
{
    private readonly UpperTree _tree = new UpperTree().WithEverything();
    private StoreLayout Layout => new(_tree.Store);

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task A_written_image_is_named_listed_and_unpacked_into_its_snapshot()
    {
        WrittenLayer layer = new LayerWriter(Layout, new BlobStore(Layout)).Write(_tree.Upper, LayerCompression.Gzip);
        ImageConfig config = ConfigOf(layer.DiffId);

        Digest manifest = await Writer().WriteAsync(config, [layer.Descriptor], ["localhost/made:here"], CancellationToken.None);

        ImageInfo image = Assert.Single(new ImageCatalog(Layout).List());
        Assert.Equal(manifest, image.ManifestDigest);
        Assert.Contains("localhost/made:here", image.Names);
        string snapshot = new SnapshotStore(Layout).FsPathOf(ChainIds.Compute([layer.DiffId])[0]);
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(snapshot, "usr/bin/tool")));
    }

    [Fact]
    public async Task An_image_written_without_a_name_is_listed_dangling_once()
    {
        WrittenLayer layer = new LayerWriter(Layout, new BlobStore(Layout)).Write(_tree.Upper, LayerCompression.Gzip);
        await Writer().WriteAsync(ConfigOf(layer.DiffId), [layer.Descriptor], [], CancellationToken.None);
        await Writer().WriteAsync(ConfigOf(layer.DiffId), [layer.Descriptor], [], CancellationToken.None);

        Assert.Empty(Assert.Single(new ImageCatalog(Layout).List()).Names);
    }

    [Fact]
    public async Task A_DiffID_the_layer_does_not_have_is_refused_and_nothing_is_named()
    {
        WrittenLayer layer = new LayerWriter(Layout, new BlobStore(Layout)).Write(_tree.Upper, LayerCompression.Gzip);
        ImageConfig wrong = ConfigOf(Digest.Sha256Of("other"u8));

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => Writer().WriteAsync(wrong, [layer.Descriptor], ["localhost/bad:one"], CancellationToken.None));

        Assert.Equal("LayerDiffIdMismatch", error.ErrorId);
        Assert.Empty(new ImageCatalog(Layout).List());
        Assert.Empty(new SnapshotStore(Layout).List());
    }

    [Fact]
    public async Task A_layer_whose_blob_is_not_stored_is_refused()
    {
        var absent = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Sha256Of("absent"u8), Size = 6 };

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => Writer().WriteAsync(ConfigOf(absent.Digest), [absent], ["localhost/bad:two"], CancellationToken.None));

        Assert.Equal("LayerBlobMissing", error.ErrorId);
    }

    private LocalImageWriter Writer() => new(Layout, new LayerApplier(UnpackLimits.Default));

    private static ImageConfig ConfigOf(Digest diffId) => new()
    {
        Architecture = "amd64",
        Os = "linux",
        RootFs = new RootFs { DiffIds = [diffId] },
        Config = new ContainerConfig { Cmd = ["sh"] },
    };
}
