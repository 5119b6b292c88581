using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Images;

/// <summary>Images as users count them: one image per config, whatever manifests and names lead to it.</summary>
public sealed class ImageServiceTests : IDisposable
{
    private const string OciName = "r.test/app:oci";
    private const string DockerName = "r.test/app:docker";
    private readonly StoreWithImages _store = new();

    public void Dispose() => _store.Dispose();

    private (Digest Oci, Digest Docker) AddOneConfigUnderTwoManifests()
    {
        var config = StoreWithImages.Config("app");
        return (_store.Add(config, OciName), _store.Add(config, DockerName, MediaTypes.DockerManifest));
    }

    [Fact]
    public void One_config_under_an_OCI_and_a_Docker_manifest_is_one_image_with_both_names()
    {
        AddOneConfigUnderTwoManifests();

        var image = Assert.Single(_store.Images.ListImages());

        Assert.Equal([DockerName, OciName], image.Names);
        Assert.Equal(2, image.Manifests.Count);
    }

    [Fact]
    public void Each_name_finds_its_own_manifest()
    {
        var (oci, docker) = AddOneConfigUnderTwoManifests();

        var byOci = _store.Images.Find(OciName);
        var byDocker = _store.Images.Find(DockerName);

        Assert.Equal(OciName, byOci.Name);
        Assert.Equal(oci, byOci.Image.ManifestOf(byOci.Name).Digest);
        Assert.Equal(docker, byDocker.Image.ManifestOf(byDocker.Name).Digest);
    }

    [Fact]
    public void A_short_id_finds_the_image_itself_not_one_of_its_names()
    {
        AddOneConfigUnderTwoManifests();
        var id = Assert.Single(_store.Images.ListImages()).Id;

        var match = _store.Images.Find(id.ShortId);

        Assert.Equal(id, match.Image.Id);
        Assert.Null(match.Name);
    }

    [Fact]
    public void An_id_prefix_of_two_images_is_AmbiguousImageId_naming_both()
    {
        var (first, second) = TwoConfigsWithACommonIdPrefix();
        _store.Add(first, "r.test/one:latest");
        _store.Add(second, "r.test/two:latest");
        var prefix = Digest.Sha256Of(first).Hex[..4];

        var error = Assert.Throws<ContainerPSException>(() => _store.Images.Find(prefix));

        Assert.Equal("AmbiguousImageId", error.ErrorId);
        Assert.Contains(Digest.Sha256Of(first).ShortId, error.Message);
        Assert.Contains(Digest.Sha256Of(second).ShortId, error.Message);
    }

    [Fact]
    public void Untagging_one_manifest_of_an_image_keeps_the_other_name_and_no_nameless_entry()
    {
        AddOneConfigUnderTwoManifests();

        _store.Images.RemoveTag(OciName);

        Assert.Equal([DockerName], Assert.Single(_store.Images.ListImages()).Names);
        Assert.Empty(_store.Images.ListDanglingImages());
        Assert.Equal(1, _store.IndexEntryCount);
    }

    [Fact]
    public void Removing_the_image_removes_every_manifest_and_name_and_collects_their_blobs()
    {
        var (oci, docker) = AddOneConfigUnderTwoManifests();
        var image = Assert.Single(_store.Images.ListImages());

        _store.Images.RemoveImage(image, () => new HashSet<Digest>());

        Assert.Empty(_store.Images.ListImages());
        Assert.Equal(0, _store.IndexEntryCount);
        Assert.False(_store.Blobs.Exists(oci));
        Assert.False(_store.Blobs.Exists(docker));
        Assert.False(_store.Blobs.Exists(image.Id));
    }

    [Fact]
    public void Removing_one_name_untags_while_others_remain_and_the_last_removes_the_image()
    {
        AddOneConfigUnderTwoManifests();
        var image = Assert.Single(_store.Images.ListImages());
        var gone = new HashSet<string>();

        Assert.True(ImageRemoval.UntagsOnly(image, OciName, gone));
        gone.Add(OciName);
        Assert.False(ImageRemoval.UntagsOnly(image, DockerName, gone));
    }

    [Fact]
    public void Removing_by_id_an_image_with_several_names_needs_force()
    {
        AddOneConfigUnderTwoManifests();
        var image = Assert.Single(_store.Images.ListImages());

        var error = Assert.Throws<ContainerPSException>(() => ImageRemoval.NamesRemovedWithImage(image, new HashSet<string>(), force: false));

        Assert.Equal("ImageHasSeveralNames", error.ErrorId);
        Assert.Equal([DockerName, OciName], ImageRemoval.NamesRemovedWithImage(image, new HashSet<string>(), force: true));
        Assert.Equal([DockerName], ImageRemoval.NamesRemovedWithImage(image, new HashSet<string> { OciName }, force: false));
    }

    /// <summary>Two configs whose ids share their first 4 hex digits (the shortest id prefix): found in a few hundred tries.</summary>
    private static (byte[] First, byte[] Second) TwoConfigsWithACommonIdPrefix()
    {
        var seen = new Dictionary<string, byte[]>();
        for (var i = 0; ; i++)
        {
            var config = StoreWithImages.Config(i.ToString());
            var prefix = Digest.Sha256Of(config).Hex[..4];
            if (seen.TryGetValue(prefix, out var earlier)) return (earlier, config);
            seen[prefix] = config;
        }
    }
}
