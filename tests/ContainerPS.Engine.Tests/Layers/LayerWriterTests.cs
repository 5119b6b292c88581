using System.IO.Compression;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Layers;

public sealed class LayerWriterTests : IDisposable
{
    private readonly UpperTree _tree = new UpperTree().WithEverything();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_blob_is_in_the_store_under_its_digest_and_the_DiffID_is_the_sha256sum_of_the_uncompressed_tar()
    {
        WrittenLayer layer = Write(_tree.Store, LayerCompression.Gzip);
        string blob = new BlobStore(new StoreLayout(_tree.Store)).PathOf(layer.Descriptor.Digest);

        Assert.Equal(MediaTypes.OciLayerGzip, layer.Descriptor.MediaType);
        Assert.Equal(new FileInfo(blob).Length, layer.Descriptor.Size);
        Assert.Equal(layer.Descriptor.Digest.Hex, UpperTree.ShOut($"sha256sum '{blob}'").Split(' ')[0]);
        Assert.Equal(layer.DiffId.Hex, UpperTree.ShOut($"gzip -dc '{blob}' | sha256sum").Split(' ')[0]);
        Assert.Equal(layer.UncompressedSize.ToString(), UpperTree.ShOut($"gzip -dc '{blob}' | wc -c").Trim());
        Assert.Empty(Directory.GetFiles(new StoreLayout(_tree.Store).Ingest));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public void The_same_tree_written_twice_gives_the_same_bytes(LayerCompression compression)
    {
        string otherStore = Path.Combine(_tree.Root, "store2");
        WrittenLayer first = Write(_tree.Store, compression);
        WrittenLayer second = Write(otherStore, compression);

        Assert.Equal(first, second);
        Assert.Equal(
            File.ReadAllBytes(new BlobStore(new StoreLayout(_tree.Store)).PathOf(first.Descriptor.Digest)),
            File.ReadAllBytes(new BlobStore(new StoreLayout(otherStore)).PathOf(second.Descriptor.Digest)));
    }

    [Fact]
    public void A_zstd_layer_decompresses_with_the_zstd_tool_to_the_DiffID()
    {
        WrittenLayer layer = Write(_tree.Store, LayerCompression.Zstd);
        string blob = new BlobStore(new StoreLayout(_tree.Store)).PathOf(layer.Descriptor.Digest);

        Assert.Equal(MediaTypes.OciLayerZstd, layer.Descriptor.MediaType);
        Assert.Equal(layer.DiffId.Hex, Sha256OfDecompressed(blob, MediaTypes.OciLayerZstd));
    }

    [Fact]
    public void Unpacked_again_by_the_engines_own_applier_the_layer_is_the_same_tree()
    {
        WrittenLayer layer = Write(_tree.Store, LayerCompression.Gzip);
        string target = Path.Combine(_tree.Root, "applied");
        Directory.CreateDirectory(target);
        using (Stream tar = LayerDecompression.Open(new BlobStore(new StoreLayout(_tree.Store)).OpenRead(layer.Descriptor.Digest), layer.Descriptor.MediaType))
        {
            new LayerApplier(UnpackLimits.Default).Apply(tar, target, CancellationToken.None);
        }

        Assert.Equal(Describe(_tree.Upper), Describe(target));
    }

    [Fact]
    public void GNU_tar_lists_the_entries_in_order_with_their_types_owners_links_and_capability()
    {
        WrittenLayer layer = Write(_tree.Store, LayerCompression.Gzip);
        string blob = new BlobStore(new StoreLayout(_tree.Store)).PathOf(layer.Descriptor.Digest);

        string[] lines = UpperTree.ShOut($"tar --numeric-owner --xattrs --xattrs-include='*' -tvvzf '{blob}'").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] names = UpperTree.ShOut($"tar -tzf '{blob}'").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(new UpperDirectoryWalker(_tree.Upper).Walk().Select(e => e.Kind == LayerEntryKind.Directory ? e.Path + "/" : e.Path), names);
        Assert.Contains(lines, l => l.StartsWith("-rwsr-xr-x", StringComparison.Ordinal) && l.Contains(" 0/50 ", StringComparison.Ordinal) && l.EndsWith(" usr/bin/tool", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("hrwsr-xr-x", StringComparison.Ordinal) && l.Contains(" 0/50 ", StringComparison.Ordinal) && l.EndsWith("usr/bin/tool-link link to usr/bin/tool", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("crw-r--r--", StringComparison.Ordinal) && l.Contains(" 0/0 ", StringComparison.Ordinal) && l.Contains("1,3", StringComparison.Ordinal) && l.EndsWith(" etc/null", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("lrwxrwxrwx", StringComparison.Ordinal) && l.EndsWith("etc/alternative -> ../usr/bin/tool", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("drwx------", StringComparison.Ordinal) && l.Contains(" 7/8 ", StringComparison.Ordinal) && l.EndsWith(" var/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("security.capability", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2023-11-14", StringComparison.Ordinal) && l.EndsWith(" etc/motd", StringComparison.Ordinal));
    }

    [Fact]
    public void Umoci_unpacks_a_one_layer_image_of_it_to_the_same_files()
    {
        WrittenLayer layer = Write(_tree.Store, LayerCompression.Gzip);
        var blobs = new BlobStore(new StoreLayout(_tree.Store));
        string config = $$"""{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["{{layer.DiffId}}"]} }""";
        Digest configDigest = Digest.Sha256Of(System.Text.Encoding.UTF8.GetBytes(config));
        blobs.WriteVerified(new Descriptor { Digest = configDigest, Size = config.Length }, System.Text.Encoding.UTF8.GetBytes(config));
        string manifest = $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[{"mediaType":"{{layer.Descriptor.MediaType}}","digest":"{{layer.Descriptor.Digest}}","size":{{layer.Descriptor.Size}}}]}""";
        byte[] manifestBytes = System.Text.Encoding.UTF8.GetBytes(manifest);
        Digest manifestDigest = Digest.Sha256Of(manifestBytes);
        blobs.WriteVerified(new Descriptor { Digest = manifestDigest, Size = manifestBytes.Length }, manifestBytes);
        File.WriteAllText(Path.Combine(_tree.Store, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(_tree.Store, "index.json"), $$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{manifestDigest}}","size":{{manifestBytes.Length}},"annotations":{"org.opencontainers.image.ref.name":"commit"} }]}""");
        string bundle = Path.Combine(_tree.Root, "bundle");

        UpperTree.Sh($"umoci unpack --image '{_tree.Store}:commit' '{bundle}'");

        string rootfs = Path.Combine(bundle, "rootfs");
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(rootfs, "usr/bin/tool")));
        Assert.Equal(new FileInfo(Path.Combine(rootfs, "usr/bin/tool")).UnixFileMode, new FileInfo(Path.Combine(_tree.Upper, "usr/bin/tool")).UnixFileMode);
        Assert.Equal("../usr/bin/tool", new FileInfo(Path.Combine(rootfs, "etc/alternative")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(rootfs, "opaque/sub/file")));
        Assert.False(File.Exists(Path.Combine(rootfs, "etc/hosts")));
        Assert.False(Path.Exists(Path.Combine(rootfs, ".wh.removed")));
        Assert.Contains("cap_net_raw", UpperTree.ShOut($"getcap '{Path.Combine(rootfs, "usr/bin/ping")}' || true"), StringComparison.Ordinal);
    }

    private static WrittenLayer Write(string store, LayerCompression compression)
    {
        var layout = new StoreLayout(store);
        Directory.CreateDirectory(layout.Blobs);
        return new LayerWriter(layout, new BlobStore(layout)).Write(Path.Combine(Path.GetDirectoryName(store)!, "upper"), compression);
    }

    private static string Sha256OfDecompressed(string blob, string mediaType)
    {
        using Stream tar = LayerDecompression.Open(File.OpenRead(blob), mediaType);
        return System.Security.Cryptography.SHA256.HashData(tar).AsSpan().ToArray() is var h ? Convert.ToHexStringLower(h) : "";
    }

    // A whiteout's mtime is left out: the applier makes a new 0/0 device, as overlayfs would, and does not date it.
    // Everything a layer carries, per entry, with the bytes of regular files: two trees with equal descriptions are
    // the same tree as far as an image is concerned.
    private static List<string> Describe(string root) =>
        new UpperDirectoryWalker(root).Walk().Select(e =>
            $"{e.Path} {e.Kind} {e.Mode:x} {e.Uid}:{e.Gid} {(e.Kind == LayerEntryKind.Whiteout ? 0 : e.MtimeSeconds)} {e.Size} {e.LinkTarget} {e.DevMajor},{e.DevMinor} "
            + string.Join(',', e.Xattrs.Select(x => x.Key + "=" + Convert.ToHexString(x.Value)))
            + (e.Kind == LayerEntryKind.Regular ? " " + Convert.ToHexString(File.ReadAllBytes(e.SourcePath)) : "")).ToList();
}
