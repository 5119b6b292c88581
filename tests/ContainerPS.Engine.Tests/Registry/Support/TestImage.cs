using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>A tiny image built by the test: a real tar+gzip layer, its config and a manifest, as exact bytes.</summary>
public sealed record TestImage(byte[] Layer, byte[] Config, byte[] Manifest, string ManifestMediaType)
{
    public Descriptor LayerDescriptor => new() { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Sha256Of(Layer), Size = Layer.Length };

    public Descriptor ConfigDescriptor => new() { MediaType = MediaTypes.OciConfig, Digest = Digest.Sha256Of(Config), Size = Config.Length };

    public Digest ManifestDigest => Digest.Sha256Of(Manifest);

    /// <summary>
    /// An OCI image whose layer holds <paramref name="payloadBytes"/> of incompressible data (so that a body can be cut
    /// in the middle). With <paramref name="dockerMediaTypes"/> the manifest is Docker schema 2 and says so in its body;
    /// otherwise it is an OCI manifest without the optional mediaType field.
    /// </summary>
    public static TestImage Create(int payloadBytes, int seed, bool dockerMediaTypes = false)
    {
        var tar = LayerTar(payloadBytes, seed);
        var layer = Gzip(tar);
        var config = Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":["{{{Digest.Sha256Of(tar)}}}"]}}""");
        var (manifestType, configType, layerType) = dockerMediaTypes
            ? (MediaTypes.DockerManifest, MediaTypes.DockerConfig, MediaTypes.DockerLayerGzip)
            : (MediaTypes.OciManifest, MediaTypes.OciConfig, MediaTypes.OciLayerGzip);
        var mediaTypeField = dockerMediaTypes ? $"\"mediaType\":\"{manifestType}\"," : "";
        var manifest = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,{{{mediaTypeField}}}"config":{"mediaType":"{{{configType}}}","digest":"{{{Digest.Sha256Of(config)}}}","size":{{{config.Length}}}},"layers":[{"mediaType":"{{{layerType}}}","digest":"{{{Digest.Sha256Of(layer)}}}","size":{{{layer.Length}}}}]}""");
        return new TestImage(layer, config, manifest, manifestType);
    }

    /// <summary>An OCI index pointing at this image's manifest for linux/amd64.</summary>
    public byte[] Index() => Encoding.UTF8.GetBytes(
        $$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{ManifestMediaType}}}","digest":"{{{ManifestDigest}}}","size":{{{Manifest.Length}}},"platform":{"architecture":"amd64","os":"linux"}}]}""");

    private static byte[] LayerTar(int payloadBytes, int seed)
    {
        var payload = new byte[payloadBytes];
        new Random(seed).NextBytes(payload);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/"));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/hello.txt") { DataStream = new MemoryStream("hello\n"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "payload.bin") { DataStream = new MemoryStream(payload) });
        }
        return tar.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}
