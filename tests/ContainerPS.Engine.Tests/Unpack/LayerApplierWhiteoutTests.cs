using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Unpack;

public sealed class LayerApplierWhiteoutTests : IDisposable
{
    private const string Opaque = "trusted.overlay.opaque";

    private readonly UnpackSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void A_whiteout_becomes_a_0_0_character_device_and_is_never_written_as_a_file()
    {
        _sandbox.Apply(new LayerTar().Directory("etc").File("etc/.wh.motd").ToTar());

        NodeInfo whiteout = NodeInfo.Require(_sandbox.InLayer("etc/motd"));
        Assert.Equal(NodeInfo.CharacterDevice, whiteout.Type);
        Assert.Equal((0u, 0u), (whiteout.Major, whiteout.Minor));
        Assert.False(File.Exists(_sandbox.InLayer("etc/.wh.motd")));
    }

    [Fact]
    public void A_whiteout_replaces_an_entry_of_that_name_written_earlier_in_the_layer()
    {
        _sandbox.Apply(new LayerTar().Directory("var/cache").File("var/cache/x", "x").File("var/.wh.cache").ToTar());

        Assert.Equal(NodeInfo.CharacterDevice, NodeInfo.Require(_sandbox.InLayer("var/cache")).Type);
    }

    [Fact]
    public void An_opaque_marker_written_first_marks_the_directory_and_keeps_the_layers_own_entries()
    {
        _sandbox.Apply(new LayerTar().Directory("a").File("a/.wh..wh..opq").File("a/b", "b").Directory("a/c").ToTar());

        AssertOpaqueWith("a", "b", "c");
    }

    [Fact]
    public void An_opaque_marker_written_last_marks_the_directory_and_keeps_the_layers_own_entries()
    {
        _sandbox.Apply(new LayerTar().Directory("a").File("a/b", "b").Directory("a/c").File("a/.wh..wh..opq").ToTar());

        AssertOpaqueWith("a", "b", "c");
    }

    [Fact]
    public void An_opaque_marker_creates_its_directory_when_the_layer_has_no_entry_for_it()
    {
        _sandbox.Apply(new LayerTar().File("x/y/.wh..wh..opq").ToTar());

        AssertOpaqueWith("x/y");
    }

    [Fact]
    public void Aufs_metadata_entries_are_ignored()
    {
        _sandbox.Apply(new LayerTar().Directory(".wh..wh.plnk").File("keep", "k").ToTar());

        Assert.Equal(["keep"], Directory.EnumerateFileSystemEntries(_sandbox.Layer).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("etc/.wh.")]
    [InlineData(".wh..")]
    [InlineData("etc/.wh..")]
    [InlineData("etc/.wh...")]
    [InlineData(".wh...")]
    public void An_invalid_whiteout_fails_with_InvalidLayer_and_deletes_nothing(string whiteout)
    {
        byte[] blob = new LayerTar().Directory("etc").File("etc/keep", "k").File("top", "t").File(whiteout).ToTar();

        ContainerPSException error = _sandbox.ApplyFails(blob);

        Assert.Equal("InvalidLayer", error.ErrorId);
        Assert.Equal(ErrorKind.DataIntegrity, error.Kind);
        Assert.Equal("k", File.ReadAllText(_sandbox.InLayer("etc/keep")));
        Assert.Equal("t", File.ReadAllText(_sandbox.InLayer("top")));
        _sandbox.AssertHostUntouched();
    }

    private void AssertOpaqueWith(string directory, params string[] children)
    {
        Assert.Equal("y", NodeInfo.XattrText(_sandbox.InLayer(directory), Opaque));
        Assert.Equal(children, Directory.EnumerateFileSystemEntries(_sandbox.InLayer(directory)).Select(Path.GetFileName).Order());
    }
}
