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

    [Fact]
    public void Moving_a_name_to_another_image_leaves_the_old_image_dangling()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:latest") };

        IndexEntries.SetName(entries, Named(2, "r/x:latest"));

        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Digest == Named(1, null).Digest && ImageIndexStore.NameOf(e) is null);
        Assert.Contains(entries, e => e.Digest == Named(2, null).Digest && ImageIndexStore.NameOf(e) == "r/x:latest");
    }

    [Fact]
    public void Naming_a_dangling_image_replaces_its_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, null) };

        IndexEntries.SetName(entries, Named(1, "r/x:v1"));

        Assert.Equal("r/x:v1", ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Removing_one_of_two_names_keeps_the_other_and_no_dangling_entry()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:a"), Named(1, "r/x:b") };

        Assert.True(IndexEntries.RemoveName(entries, "r/x:a"));

        Assert.Equal("r/x:b", ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Removing_the_last_name_keeps_the_image_dangling()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:a") };

        IndexEntries.RemoveName(entries, "r/x:a");

        Assert.Null(ImageIndexStore.NameOf(Assert.Single(entries)));
    }

    [Fact]
    public void Removing_an_unknown_name_changes_nothing()
    {
        var entries = new List<Descriptor> { Named(1, "r/x:a") };

        Assert.False(IndexEntries.RemoveName(entries, "r/x:zzz"));
        Assert.Single(entries);
    }
}
