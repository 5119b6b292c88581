using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Unpack;

/// <summary>The tar cases of research/hardening.md: every hostile link points at the sandbox's stand-in for the host.</summary>
public sealed class LayerApplierHardeningTests : IDisposable
{
    private readonly UnpackSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void A_file_written_through_an_absolute_symlink_lands_inside_the_layer_root()
    {
        byte[] blob = new LayerTar()
            .Directory(_sandbox.HostInLayer) // the layer's own copy of the host path
            .Symlink("localetc", _sandbox.Host)
            .File("localetc/x", "inside")
            .ToTar();

        _sandbox.Apply(blob);

        Assert.Equal("inside", File.ReadAllText(_sandbox.InLayer(_sandbox.HostInLayer + "/x")));
        Assert.Equal(NodeInfo.Symlink, NodeInfo.Require(_sandbox.InLayer("localetc")).Type);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_file_under_a_symlink_to_a_directory_of_a_lower_layer_lands_in_that_directory_inside_the_root()
    {
        // localetc -> <host>/dir where only a lower layer has <host>/dir: the directory is created in this layer,
        // so in the merged rootfs x is inside <host>/dir, as a flattened unpack would put it.
        byte[] blob = new LayerTar().Symlink("localetc", _sandbox.Host + "/dir").File("localetc/x", "x").ToTar();

        _sandbox.Apply(blob);

        Assert.Equal("x", File.ReadAllText(_sandbox.InLayer(_sandbox.HostInLayer + "/dir/x")));
        Assert.Equal(NodeInfo.Symlink, NodeInfo.Require(_sandbox.InLayer("localetc")).Type);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_parent_that_is_a_symlink_loop_fails_with_InvalidLayer_and_the_host_is_untouched()
    {
        byte[] blob = new LayerTar().Symlink("a", "b").Symlink("b", "a").File("a/x", "x").ToTar();

        Assert.Equal("InvalidLayer", _sandbox.ApplyFails(blob).ErrorId);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_relative_symlink_climbing_out_of_the_root_is_clamped_to_the_root()
    {
        string climb = string.Concat(Enumerable.Repeat("../", 12)) + _sandbox.HostInLayer + "/dir";
        byte[] blob = new LayerTar().Directory(_sandbox.HostInLayer + "/dir").Symlink("up", climb).File("up/x", "x").ToTar();

        _sandbox.Apply(blob);

        Assert.Equal("x", File.ReadAllText(_sandbox.InLayer(_sandbox.HostInLayer + "/dir/x")));
        _sandbox.AssertHostUntouched();
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("a/../../passwd")]
    public void A_hardlink_whose_target_climbs_out_of_the_root_fails_with_LayerPathEscapesRoot(string target)
    {
        byte[] blob = new LayerTar().HardLink("stolen", target).ToTar();

        ContainerPSException error = _sandbox.ApplyFails(blob);

        Assert.Equal("LayerPathEscapesRoot", error.ErrorId);
        Assert.Equal(ErrorKind.DataIntegrity, error.Kind);
        Assert.Null(NodeInfo.Of(_sandbox.InLayer("stolen")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_hardlink_through_a_symlink_to_a_host_file_never_links_the_host_inode()
    {
        byte[] blob = new LayerTar().Symlink("hostdir", _sandbox.Host).HardLink("stolen", "hostdir/passwd").ToTar();

        Assert.Equal("InvalidLayer", _sandbox.ApplyFails(blob).ErrorId);
        Assert.Null(NodeInfo.Of(_sandbox.InLayer("stolen")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_hardlink_through_a_symlink_resolves_to_the_layers_own_file()
    {
        byte[] blob = new LayerTar()
            .File(_sandbox.HostInLayer + "/passwd", "layer copy")
            .Symlink("hostdir", _sandbox.Host)
            .HardLink("linked", "hostdir/passwd")
            .ToTar();

        _sandbox.Apply(blob);

        NodeInfo own = NodeInfo.Require(_sandbox.InLayer(_sandbox.HostInLayer + "/passwd"));
        Assert.Equal(own.Inode, NodeInfo.Require(_sandbox.InLayer("linked")).Inode);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_root_entry_that_is_a_symlink_to_a_host_directory_fails_and_the_root_stays_a_directory()
    {
        byte[] blob = new LayerTar().Symlink(".", _sandbox.Host + "/dir").File("x", "through").ToTar();

        Assert.Equal("InvalidLayer", _sandbox.ApplyFails(blob).ErrorId);
        Assert.Equal(NodeInfo.Directory, NodeInfo.Require(_sandbox.Layer).Type);
        _sandbox.AssertHostUntouched();
    }

    [Theory]
    [InlineData("./")]
    [InlineData("/")]
    [InlineData("a/..")]
    public void A_root_entry_spelled_any_way_cannot_become_a_file(string name)
    {
        Assert.Equal("InvalidLayer", _sandbox.ApplyFails(new LayerTar().File(name, "x").ToTar()).ErrorId);
        Assert.Equal(NodeInfo.Directory, NodeInfo.Require(_sandbox.Layer).Type);
    }

    [Fact]
    public void Setuid_mode_on_a_symlink_and_a_hardlink_to_a_host_file_never_reaches_the_host_file()
    {
        byte[] blob = new LayerTar()
            .Symlink("s", _sandbox.HostFile, mode: (UnixFileMode)0xFFF)
            .HardLink("h", "s", mode: (UnixFileMode)0x9FF)
            .ToTar();

        _sandbox.Apply(blob);

        Assert.Equal(NodeInfo.Symlink, NodeInfo.Require(_sandbox.InLayer("s")).Type);
        Assert.Equal(NodeInfo.Symlink, NodeInfo.Require(_sandbox.InLayer("h")).Type);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_cached_directory_replaced_by_a_symlink_is_not_written_through_afterwards()
    {
        byte[] blob = new LayerTar()
            .Directory(_sandbox.HostInLayer + "/dir")
            .Directory("d")
            .File("d/a", "a")
            .Symlink("d", _sandbox.Host + "/dir")
            .File("d/b", "b")
            .ToTar();

        _sandbox.Apply(blob);

        Assert.Equal("b", File.ReadAllText(_sandbox.InLayer(_sandbox.HostInLayer + "/dir/b")));
        Assert.Null(NodeInfo.Of(_sandbox.InLayer(_sandbox.HostInLayer + "/dir/a")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_whiteout_through_a_symlink_removes_only_inside_the_layer()
    {
        byte[] blob = new LayerTar().Symlink("h", _sandbox.Host).File("h/.wh.passwd").ToTar();

        _sandbox.Apply(blob);

        Assert.Equal(NodeInfo.CharacterDevice, NodeInfo.Require(_sandbox.InLayer(_sandbox.HostInLayer + "/passwd")).Type);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void A_directory_replaced_by_a_file_is_removed_without_following_the_symlinks_inside_it()
    {
        byte[] blob = new LayerTar().Directory("d").Symlink("d/host", _sandbox.Host).Symlink("d/file", _sandbox.HostFile).File("d", "file").ToTar();

        _sandbox.Apply(blob);

        Assert.Equal("file", File.ReadAllText(_sandbox.InLayer("d")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void The_target_directory_must_be_empty()
    {
        File.WriteAllText(_sandbox.InLayer("existing"), "x");

        ContainerPSException error = _sandbox.ApplyFails(new LayerTar().File("f").ToTar());

        Assert.Equal("UnpackTargetNotEmpty", error.ErrorId);
    }
}
