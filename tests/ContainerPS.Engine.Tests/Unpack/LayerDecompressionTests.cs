using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Unpack;

public sealed class LayerDecompressionTests : IDisposable
{
    private readonly UnpackSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    public static TheoryData<string, string> MediaTypesAndCompression => new()
    {
        { MediaTypes.OciLayer, "none" },
        { "application/vnd.oci.image.layer.nondistributable.v1.tar", "none" },
        { "application/vnd.docker.image.rootfs.diff.tar", "none" },
        { "application/vnd.docker.image.rootfs.foreign.diff.tar", "none" },
        { MediaTypes.OciLayerGzip, "gzip" },
        { MediaTypes.OciLayerNondistributableGzip, "gzip" },
        { MediaTypes.DockerLayerGzip, "gzip" },
        { MediaTypes.DockerForeignLayerGzip, "gzip" },
        { MediaTypes.OciLayerZstd, "zstd" },
        { "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", "zstd" },
    };

    [Theory]
    [MemberData(nameof(MediaTypesAndCompression))]
    public void Every_layer_media_type_unpacks(string mediaType, string compression)
    {
        var layer = new LayerTar().Directory("etc").File("etc/hostname", "box");
        byte[] blob = compression switch
        {
            "gzip" => layer.ToGzip(),
            "zstd" => layer.ToZstd(),
            _ => layer.ToTar(),
        };

        _sandbox.Apply(blob, mediaType);

        Assert.Equal("box", File.ReadAllText(_sandbox.InLayer("etc/hostname")));
    }

    [Fact]
    public void A_zstd_layer_of_many_files_unpacks_intact()
    {
        var layer = new LayerTar();
        for (int i = 0; i < 200; i++)
        {
            layer.File($"d{i % 7}/f{i}", new string((char)('a' + (i % 26)), i * 37));
        }

        _sandbox.Apply(layer.ToZstd(), MediaTypes.OciLayerZstd);

        Assert.Equal(new string((char)('a' + (199 % 26)), 199 * 37), File.ReadAllText(_sandbox.InLayer("d3/f199")));
    }

    [Theory]
    [InlineData("application/vnd.oci.image.layer.v1.tar+bzip2")]
    [InlineData("application/vnd.oci.image.config.v1+json")]
    [InlineData("")]
    public void An_unknown_media_type_is_NotSupported(string mediaType)
    {
        var error = Assert.Throws<ContainerPSException>(() => LayerDecompression.Open(new MemoryStream(), mediaType));

        Assert.Equal("UnsupportedLayerMediaType", error.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, error.Kind);
    }
}
