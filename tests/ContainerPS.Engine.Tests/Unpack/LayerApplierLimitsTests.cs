using System.Formats.Tar;
using System.IO.Compression;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Unpack;

public sealed class LayerApplierLimitsTests : IDisposable
{
    private readonly UnpackSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void A_decompression_bomb_stops_at_the_layer_byte_limit()
    {
        // 256 MiB of zeros gzip to about 250 KiB.
        byte[] bomb = new LayerTar().File("zeros", new ZeroStream(256L << 20)).ToGzip();
        var limits = new UnpackLimits { MaxLayerBytes = 4 << 20 };

        ContainerPSException error = _sandbox.ApplyFails(bomb, MediaTypes.OciLayerGzip, limits);

        Assert.Equal("LayerTooLarge", error.ErrorId);
        Assert.True(new FileInfo(_sandbox.InLayer("zeros")).Length <= 4 << 20);
    }

    [Fact]
    public void Bytes_after_the_end_of_archive_count_toward_the_limit()
    {
        byte[] tar = new LayerTar().File("f", "x").ToTar();
        byte[] padded = [.. tar, .. new byte[64 * 1024]];

        ContainerPSException error = _sandbox.ApplyFails(padded, limits: new UnpackLimits { MaxLayerBytes = tar.Length + 1024 });

        Assert.Equal("LayerTooLarge", error.ErrorId);
    }

    [Fact]
    public void Too_many_entries_fail_with_LayerTooLarge()
    {
        var layer = new LayerTar();
        for (int i = 0; i < 5; i++)
        {
            layer.File($"f{i}");
        }

        ContainerPSException error = _sandbox.ApplyFails(layer.ToTar(), limits: new UnpackLimits { MaxEntries = 4 });

        Assert.Equal("LayerTooLarge", error.ErrorId);
    }

    [Fact]
    public void A_pax_header_over_the_limit_fails_with_InvalidLayer_before_it_is_read()
    {
        var pax = new Dictionary<string, string> { ["SCHILY.xattr.user.big"] = new string('v', 4096) };
        byte[] blob = new LayerTar().File("f", pax: pax).ToTar();

        ContainerPSException error = _sandbox.ApplyFails(blob, limits: new UnpackLimits { MaxPaxHeaderBytes = 1024 });

        Assert.Equal("InvalidLayer", error.ErrorId);
        Assert.Null(NodeInfo.Of(_sandbox.InLayer("f")));
    }

    [Fact]
    public void A_gnu_long_name_over_the_limit_fails_with_InvalidLayer()
    {
        byte[] blob = new LayerTar(TarEntryFormat.Gnu).File(string.Join('/', Enumerable.Repeat("segment", 300))).ToTar();

        ContainerPSException error = _sandbox.ApplyFails(blob, limits: new UnpackLimits { MaxPaxHeaderBytes = 1024 });

        Assert.Equal("InvalidLayer", error.ErrorId);
    }

    [Fact]
    public void A_pax_header_within_the_limit_is_accepted()
    {
        var pax = new Dictionary<string, string> { ["SCHILY.xattr.user.big"] = new string('v', 512) };

        _sandbox.Apply(new LayerTar().File("f", pax: pax).ToTar(), limits: new UnpackLimits { MaxPaxHeaderBytes = 1024 });

        Assert.Equal(512, NodeInfo.Xattr(_sandbox.InLayer("f"), "user.big")!.Length);
    }

    [Fact]
    public void A_multi_member_gzip_layer_extracts_fully_and_is_read_to_its_end()
    {
        byte[] tar = new LayerTar().Directory("a").File("a/one", "1").File("a/two", new byte[100_000]).File("b", "bee").ToTar();
        int split = tar.Length / 2;
        byte[] blob = [.. Gzip(tar[..split]), .. Gzip(tar[split..])];

        using var counting = new CountingStream(LayerDecompression.Open(new MemoryStream(blob), MediaTypes.DockerLayerGzip));
        var result = new LayerApplier(UnpackLimits.Default).Apply(counting, _sandbox.Layer, CancellationToken.None);

        Assert.Equal("bee", File.ReadAllText(_sandbox.InLayer("b")));
        Assert.Equal(100_000, new FileInfo(_sandbox.InLayer("a/two")).Length);
        Assert.Equal(4, result.Entries);
        Assert.Equal(tar.Length, counting.BytesRead);
        Assert.True(counting.ReachedEnd);
    }

    [Fact]
    public void A_cancelled_token_stops_before_the_first_entry()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => _sandbox.Apply(new LayerTar().File("f").ToTar(), ct: cancelled.Token));
        Assert.Null(NodeInfo.Of(_sandbox.InLayer("f")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_stream_that_is_not_a_tar_fails_with_InvalidLayer(int validPrefix)
    {
        byte[] tar = new LayerTar().File("f", new byte[2048]).ToTar();
        byte[] garbage = [.. tar[..validPrefix], .. Enumerable.Range(0, 1024).Select(i => (byte)(i * 7 + 1))];

        Assert.Equal("InvalidLayer", _sandbox.ApplyFails(garbage).ErrorId);
    }

    [Fact]
    public void A_truncated_gzip_layer_fails_with_InvalidLayer()
    {
        byte[] gzip = new LayerTar().File("f", new byte[200_000]).File("g", "g").ToGzip();

        Assert.Equal("InvalidLayer", _sandbox.ApplyFails(gzip[..(gzip.Length / 2)], MediaTypes.OciLayerGzip).ErrorId);
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
