using System.Text.Json;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Deletes blobs and snapshots that no index entry reaches (containerd's metadata GC, in miniature: the roots are
/// the entries of index.json, and the snapshots that containers' roots are made of). Pulls and container creates
/// hold the collector lock shared while they add what is not yet named and the collector takes it exclusively, so a
/// blob a pull has committed, or a snapshot a new container is about to mount, is never collected.
/// </summary>
public sealed class GarbageCollector(StoreLayout layout)
{
    private readonly BlobStore _blobs = new(layout);
    private readonly SnapshotStore _snapshots = new(layout);

    /// <summary>Held by every writer that adds blobs before it names them.</summary>
    public static FileLock HoldOff(StoreLayout layout, CancellationToken ct) =>
        FileLock.Acquire(LockPath(layout), exclusive: false, ct);

    /// <param name="snapshotsInUse">The snapshots containers use, read under the lock (no create runs meanwhile).</param>
    public (int Blobs, int Snapshots) Collect(ImageIndex index, Func<IReadOnlySet<Digest>>? snapshotsInUse = null, CancellationToken ct = default)
    {
        using var exclusive = FileLock.Acquire(LockPath(layout), exclusive: true, ct);
        var (liveBlobs, liveSnapshots) = Reachable(index);
        if (snapshotsInUse is not null) liveSnapshots.UnionWith(snapshotsInUse());
        var deadBlobs = _blobs.List().Where(d => !liveBlobs.Contains(d)).ToList();
        var deadSnapshots = _snapshots.List().Where(d => !liveSnapshots.Contains(d)).ToList();
        deadSnapshots.ForEach(_snapshots.Remove);
        deadBlobs.ForEach(_blobs.Delete);
        return (deadBlobs.Count, deadSnapshots.Count);
    }

    private (HashSet<Digest> Blobs, HashSet<Digest> Snapshots) Reachable(ImageIndex index)
    {
        var blobs = new HashSet<Digest>();
        var snapshots = new HashSet<Digest>();
        foreach (var entry in index.Manifests)
        {
            blobs.Add(entry.Digest);
            if (entry.Annotations?.GetValueOrDefault(IndexAnnotations.RepoDigest) is { } repo && Digest.TryParse(repo, out var repoDigest))
                blobs.Add(repoDigest);
            if (!_blobs.Exists(entry.Digest)) continue;
            var manifest = JsonSerializer.Deserialize(_blobs.ReadAllBytes(entry.Digest, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageManifest)!;
            blobs.Add(manifest.Config.Digest);
            blobs.UnionWith(manifest.Layers.Select(l => l.Digest));
            if (!_blobs.Exists(manifest.Config.Digest)) continue;
            var config = JsonSerializer.Deserialize(_blobs.ReadAllBytes(manifest.Config.Digest, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageConfig)!;
            snapshots.UnionWith(ChainIds.Compute(config.RootFs.DiffIds));
        }

        return (blobs, snapshots);
    }

    private static string LockPath(StoreLayout layout) => Path.Combine(layout.Locks, "gc.lock");
}
