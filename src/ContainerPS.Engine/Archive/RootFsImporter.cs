using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Makes an image of one root filesystem tar, plain or gzip/zstd-compressed (docker import): the tar is its single
/// layer, stored uncompressed as a docker-archive's layers are (docs/archives.md); the config has this host's
/// platform, the time of the import and one history entry.
/// </summary>
public sealed class RootFsImporter(StoreLayout layout, LayerApplier applier)
{
    public async Task<Digest> ImportAsync(string rootFsPath, string name, Func<ImageConfig, ImageConfig> configure, string? message, CancellationToken ct)
    {
        layout.EnsureCreated();
        var configured = configure(ConfigOf(Path.GetFileName(rootFsPath), message)); // bad changes fail before anything is stored
        using var held = GarbageCollector.HoldOff(layout, ct);
        Descriptor layer;
        using (var tar = ArchiveInput.OpenTar(rootFsPath))
        {
            layer = new TarBlobWriter(layout, new BlobStore(layout)).Write(tar, ct);
        }

        var config = configured with { RootFs = new RootFs { DiffIds = [layer.Digest] } };
        return await new LocalImageWriter(layout, applier).WriteAsync(config, [layer], [name], ct).ConfigureAwait(false);
    }

    private static ImageConfig ConfigOf(string source, string? message)
    {
        var now = DateTimeOffset.UtcNow;
        var host = Platform.Host;
        return new ImageConfig
        {
            Created = now,
            Architecture = host.Architecture,
            Os = host.Os,
            Variant = host.Variant,
            Config = new ContainerConfig(),
            History = [new HistoryEntry { Created = now, CreatedBy = $"Import-Image -RootFsPath {source}", Comment = message }],
        };
    }
}
