using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Tests.Store;

public sealed class IndexEntriesTests
{
    private static Descriptor Named(int image, string? name) => new()
    {
        MediaType = MediaTypes.OciManifest,
        Digest = Digest.Sha256Of([(byte)image]),
        Size = 10,
        Annotations = name is null ? [] : new() { [IndexAnnotations.RefName] = name },
    };

    // Each manifest its own image (its config unknown), as when the manifest blob cannot be read.
    private static Digest? OwnImage(Digest manifest) => null;

    // Manifests 1 and 2 are an OCI and a Docker manifest of one config; 3 is another image.
    private static readonly Digest SharedConfig = Digest.Sha256Of("config"u8);

    private static Digest? TwoManifestsOneImage(Digest manifest) =>
        manifest == Named(1, null).Digest || manifest == Named(2, null).Digest ? SharedConfig : null;

    [Fact]
    public void Moving_a_name_to_another_image_leaves_the_old_image_dangling()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:latest") };

        IndexEntries.SetName(entries, Named(2, "r/x:latest"), OwnImage);

        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Digest == Named(1, null).Digest && ImageIndexStore.NameOf(e) is null);
        Assert.Contains(entries, e => e.Digest == Named(2, null).Digest && ImageIndexStore.NameOf(e) == "r/x:latest");
    }

    [Fact]
    public void Naming_a_dangling_image_replaces_its_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, null) };

        IndexEntries.SetName(entries, Named(1, "r/x:v1"), OwnImage);

        Assert.Equal("r/x:v1", ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Removing_one_of_two_names_keeps_the_other_and_no_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:a"), Named(1, "r/x:b") };

        Assert.True(IndexEntries.RemoveName(entries, "r/x:a", OwnImage));

        Assert.Equal("r/x:b", ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Removing_the_last_name_keeps_the_image_dangling()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:a") };

        IndexEntries.RemoveName(entries, "r/x:a", OwnImage);

        Assert.Null(ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Removing_an_unknown_name_changes_nothing()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:a") };

        Assert.False(IndexEntries.RemoveName(entries, "r/x:zzz", OwnImage));
        Assert.Single(entries);
    }

    [Fact]
    public void Untagging_one_manifest_while_another_manifest_of_the_image_is_named_leaves_no_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:oci"), Named(2, "r/x:docker") };

        IndexEntries.RemoveName(entries, "r/x:oci", TwoManifestsOneImage);

        Assert.Equal("r/x:docker", ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Naming_another_manifest_of_a_dangling_image_replaces_its_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, null) };

        IndexEntries.SetName(entries, Named(2, "r/x:docker"), TwoManifestsOneImage);

        Assert.Equal("r/x:docker", ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Moving_a_name_between_manifests_of_one_image_leaves_no_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:latest") };

        IndexEntries.SetName(entries, Named(2, "r/x:latest"), TwoManifestsOneImage);

        Assert.Equal(Named(2, null).Digest, Assert.Single(entries).Digest);
    }

    [Fact]
    public void Removing_an_image_removes_the_entries_of_all_its_manifests_and_no_other()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:oci"), Named(2, "r/x:docker"), Named(3, "r/y:latest") };

        Assert.Equal(2, IndexEntries.RemoveImage(entries, SharedConfig, TwoManifestsOneImage));

        Assert.Equal("r/y:latest", ImageIndexStore.NameOf(Assert.Single(entries)));
    }
}
