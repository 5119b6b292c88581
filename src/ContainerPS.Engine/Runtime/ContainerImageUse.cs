using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// What the store's containers use of its images, for docker rmi's conflict check and as the image collector's
/// second set of roots: the containers made from an image, and the snapshots every container's root is made of (the
/// overlay lower directories of its config.json), so a container keeps its layers after its image is removed.
/// </summary>
internal sealed class ContainerImageUse(ContainerStore store, StateRoot state)
{
    /// <summary>The containers created from <paramref name="imageId"/>, and whether each is running.</summary>
    public IReadOnlyList<(ContainerRecord Container, bool Running)> UsersOf(Digest imageId) =>
        store.List()
            .Where(record => record.ImageId == imageId.ToString())
            .Select(record => (record, LiveStatus.IsLive(state.Read(record.Id))))
            .ToList();

    public IReadOnlySet<Digest> SnapshotsInUse()
    {
        var inUse = new HashSet<Digest>();
        foreach (var record in store.List())
        {
            IReadOnlyList<string> lowers;
            try
            {
                lowers = BundleSpec.LowerDirs(BundleSpec.Read(store.PathsOf(record.Id)));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                continue; // removed meanwhile
            }

            // Each lower directory is <store>/snapshots/<chain id hex>/fs (Store/SnapshotStore).
            foreach (var lower in lowers)
            {
                if (Digest.TryParse("sha256:" + Path.GetFileName(Path.GetDirectoryName(lower)), out var chainId)) inUse.Add(chainId);
            }
        }

        return inUse;
    }
}
