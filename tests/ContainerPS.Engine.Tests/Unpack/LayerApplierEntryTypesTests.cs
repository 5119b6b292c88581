using System.Formats.Tar;
using System.Text;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Unpack;

public sealed class LayerApplierEntryTypesTests : IDisposable
{
    private static readonly DateTimeOffset FileTime = new(2020, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private static readonly DateTimeOffset DirectoryTime = new(2019, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly UnpackSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void A_regular_file_keeps_its_content_owner_setuid_mode_and_mtime()
    {
        byte[] blob = new LayerTar()
            .Directory("usr", time: DirectoryTime)
            .File("usr/passwd", "secret", mode: (UnixFileMode)0x9ED, uid: 1000, gid: 2000, time: FileTime) // 04755
            .ToTar();

        var result = _sandbox.Apply(blob);

        NodeInfo file = NodeInfo.Require(_sandbox.InLayer("usr/passwd"));
        Assert.Equal(NodeInfo.Regular, file.Type);
        Assert.Equal(0x9ED, file.Mode);
        Assert.Equal((1000u, 2000u), (file.Uid, file.Gid));
        Assert.Equal(FileTime.ToUnixTimeSeconds(), file.MtimeSeconds);
        Assert.Equal("secret", File.ReadAllText(_sandbox.InLayer("usr/passwd")));
        Assert.Equal(2, result.Entries);
        Assert.Equal(6, result.BytesWritten);
    }

    [Fact]
    public void Setgid_and_sticky_bits_survive_on_files_and_directories()
    {
        byte[] blob = new LayerTar()
            .Directory("tmp", mode: (UnixFileMode)0x3FF, uid: 0, gid: 0) // 01777
            .File("tmp/wall", mode: (UnixFileMode)0x5ED, uid: 0, gid: 5) // 02755
            .ToTar();

        _sandbox.Apply(blob);

        Assert.Equal(0x3FF, NodeInfo.Require(_sandbox.InLayer("tmp")).Mode);
        Assert.Equal(0x5ED, NodeInfo.Require(_sandbox.InLayer("tmp/wall")).Mode);
        Assert.Equal(5u, NodeInfo.Require(_sandbox.InLayer("tmp/wall")).Gid);
    }

    [Fact]
    public void A_directory_keeps_its_owner_mode_and_mtime_although_children_are_written_after_it()
    {
        byte[] blob = new LayerTar()
            .Directory("srv", mode: (UnixFileMode)0x1E8, uid: 33, gid: 44, time: DirectoryTime) // 0750
            .File("srv/a", "a")
            .Directory("srv/sub", time: DirectoryTime)
            .File("srv/sub/b", "b")
            .ToTar();

        _sandbox.Apply(blob);

        NodeInfo directory = NodeInfo.Require(_sandbox.InLayer("srv"));
        Assert.Equal(NodeInfo.Directory, directory.Type);
        Assert.Equal(0x1E8, directory.Mode);
        Assert.Equal((33u, 44u), (directory.Uid, directory.Gid));
        Assert.Equal(DirectoryTime.ToUnixTimeSeconds(), directory.MtimeSeconds);
        Assert.Equal(DirectoryTime.ToUnixTimeSeconds(), NodeInfo.Require(_sandbox.InLayer("srv/sub")).MtimeSeconds);
    }

    [Fact]
    public void A_symlink_keeps_its_target_verbatim_and_its_own_owner_and_mtime()
    {
        byte[] blob = new LayerTar()
            .Symlink("run", "/var/run", uid: 7, gid: 8, time: FileTime)
            .Symlink("rel", "../up/there")
            .ToTar();

        _sandbox.Apply(blob);

        NodeInfo link = NodeInfo.Require(_sandbox.InLayer("run"));
        Assert.Equal(NodeInfo.Symlink, link.Type);
        Assert.Equal("/var/run", NodeInfo.LinkTarget(_sandbox.InLayer("run")));
        Assert.Equal("../up/there", NodeInfo.LinkTarget(_sandbox.InLayer("rel")));
        Assert.Equal((7u, 8u), (link.Uid, link.Gid));
        Assert.Equal(FileTime.ToUnixTimeSeconds(), link.MtimeSeconds);
    }

    [Fact]
    public void A_hardlink_shares_the_inode_of_the_earlier_entry()
    {
        byte[] blob = new LayerTar()
            .File("bin/busybox", "elf", mode: (UnixFileMode)0x1ED)
            .HardLink("bin/sh", "bin/busybox")
            .HardLink("./bin/ls", "/bin/busybox")
            .ToTar();

        _sandbox.Apply(blob);

        NodeInfo original = NodeInfo.Require(_sandbox.InLayer("bin/busybox"));
        Assert.Equal(3ul, original.Links);
        Assert.Equal(original.Inode, NodeInfo.Require(_sandbox.InLayer("bin/sh")).Inode);
        Assert.Equal(original.Inode, NodeInfo.Require(_sandbox.InLayer("bin/ls")).Inode);
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice, 1, 3)]
    [InlineData(TarEntryType.BlockDevice, 8, 1)]
    [InlineData(TarEntryType.CharacterDevice, 4095, 1048575)]
    public void A_device_node_keeps_its_type_numbers_owner_and_mode(TarEntryType type, int major, int minor)
    {
        byte[] blob = new LayerTar().Device(type, "dev/node", major, minor, mode: (UnixFileMode)0x1B0, uid: 0, gid: 6).ToTar();

        _sandbox.Apply(blob);

        NodeInfo node = NodeInfo.Require(_sandbox.InLayer("dev/node"));
        Assert.Equal(type == TarEntryType.CharacterDevice ? NodeInfo.CharacterDevice : NodeInfo.BlockDevice, node.Type);
        Assert.Equal(((uint)major, (uint)minor), (node.Major, node.Minor));
        Assert.Equal(0x1B0, node.Mode);
        Assert.Equal(6u, node.Gid);
    }

    [Fact]
    public void A_fifo_is_created_with_its_mode()
    {
        _sandbox.Apply(new LayerTar().Fifo("run/pipe", (UnixFileMode)0x180).ToTar());

        NodeInfo fifo = NodeInfo.Require(_sandbox.InLayer("run/pipe"));
        Assert.Equal(NodeInfo.Fifo, fifo.Type);
        Assert.Equal(0x180, fifo.Mode);
    }

    [Fact]
    public void Missing_parent_directories_are_created_root_owned_0755()
    {
        _sandbox.Apply(new LayerTar().File("a/b/c/file", "x").ToTar());

        NodeInfo parent = NodeInfo.Require(_sandbox.InLayer("a/b"));
        Assert.Equal(NodeInfo.Directory, parent.Type);
        Assert.Equal(0x1ED, parent.Mode);
        Assert.Equal("x", File.ReadAllText(_sandbox.InLayer("a/b/c/file")));
    }

    [Fact]
    public void Text_xattrs_from_PAX_records_are_set()
    {
        var pax = new Dictionary<string, string> { ["SCHILY.xattr.user.origin"] = "layer-test", ["SCHILY.xattr.trusted.note"] = "n" };
        _sandbox.Apply(new LayerTar().File("etc/conf", "c", pax: pax).ToTar());

        Assert.Equal("layer-test", NodeInfo.XattrText(_sandbox.InLayer("etc/conf"), "user.origin"));
        Assert.Equal("n", NodeInfo.XattrText(_sandbox.InLayer("etc/conf"), "trusted.note"));
    }

    [Fact]
    public void A_binary_security_capability_xattr_keeps_its_exact_bytes_and_survives_the_chown()
    {
        // vfs_cap_data revision 2 with cap_setuid|cap_setgid permitted and effective: bytes that are not valid UTF-8.
        byte[] capability = [0x01, 0x00, 0x00, 0x02, 0xC0, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        string placeholder = "CAPABILITYPLACEHOLDR";
        var pax = new Dictionary<string, string> { ["SCHILY.xattr.security.capability"] = placeholder };
        byte[] blob = new LayerTar().File("usr/bin/newuidmap", "elf", mode: (UnixFileMode)0x1ED, uid: 0, gid: 0, pax: pax).ToTar();
        Replace(blob, Encoding.ASCII.GetBytes(placeholder), capability);

        _sandbox.Apply(blob);

        Assert.Equal(capability, NodeInfo.Xattr(_sandbox.InLayer("usr/bin/newuidmap"), "security.capability"));
    }

    [Fact]
    public void Xattrs_on_symlinks_and_device_nodes_are_set_on_the_node_itself_and_user_xattrs_there_are_skipped()
    {
        var pax = new Dictionary<string, string> { ["SCHILY.xattr.trusted.label"] = "mine", ["SCHILY.xattr.user.not-allowed"] = "x" };
        var layer = new LayerTar().File("target", "t").Symlink("link", "target", pax: pax);
        layer.Device(System.Formats.Tar.TarEntryType.CharacterDevice, "null", 1, 3, pax: pax);

        _sandbox.Apply(layer.ToTar());

        Assert.Equal("mine", NodeInfo.XattrText(_sandbox.InLayer("link"), "trusted.label"));
        Assert.Equal("mine", NodeInfo.XattrText(_sandbox.InLayer("null"), "trusted.label"));
        Assert.Null(NodeInfo.Xattr(_sandbox.InLayer("target"), "trusted.label"));
    }

    [Fact]
    public void Overlay_control_xattrs_in_the_image_are_not_applied()
    {
        var pax = new Dictionary<string, string> { ["SCHILY.xattr.trusted.overlay.redirect"] = "/elsewhere" };
        _sandbox.Apply(new LayerTar().Directory("d").File("d/f", pax: pax).ToTar());

        Assert.Null(NodeInfo.Xattr(_sandbox.InLayer("d/f"), "trusted.overlay.redirect"));
    }

    [Fact]
    public void The_root_entry_sets_the_layer_directory_mode_but_keeps_it_a_directory()
    {
        _sandbox.Apply(new LayerTar().Directory("./", mode: (UnixFileMode)0x1C0).File("./x", "x").ToTar());

        NodeInfo root = NodeInfo.Require(_sandbox.Layer);
        Assert.Equal(NodeInfo.Directory, root.Type);
        Assert.Equal(0x1C0, root.Mode);
    }

    [Fact]
    public void Gnu_and_ustar_archives_unpack_too()
    {
        using (var gnu = new UnpackSandbox())
        {
            gnu.Apply(new LayerTar(TarEntryFormat.Gnu).File(new string('n', 150) + "/file", "long").ToTar());
            Assert.Equal("long", File.ReadAllText(gnu.InLayer(new string('n', 150) + "/file")));
        }

        _sandbox.Apply(new LayerTar(TarEntryFormat.Ustar).Directory("u").File("u/f", "ustar").ToTar());
        Assert.Equal("ustar", File.ReadAllText(_sandbox.InLayer("u/f")));
    }

    [Fact]
    public void A_directory_is_replaced_by_a_later_file_of_the_same_name()
    {
        _sandbox.Apply(new LayerTar().Directory("a").File("a/x", "x").Directory("a/deep").File("a/deep/y").File("a", "now a file").ToTar());

        Assert.Equal(NodeInfo.Regular, NodeInfo.Require(_sandbox.InLayer("a")).Type);
        Assert.Equal("now a file", File.ReadAllText(_sandbox.InLayer("a")));
    }

    [Fact]
    public void A_file_and_a_symlink_are_replaced_by_later_directories_and_an_existing_directory_is_kept()
    {
        byte[] blob = new LayerTar()
            .File("b", "file first")
            .Directory("b", mode: (UnixFileMode)0x1C0)
            .File("b/y", "y")
            .Symlink("c", "/nowhere")
            .Directory("c")
            .Directory("b", mode: (UnixFileMode)0x1ED)
            .ToTar();

        _sandbox.Apply(blob);

        Assert.Equal(NodeInfo.Directory, NodeInfo.Require(_sandbox.InLayer("b")).Type);
        Assert.Equal(0x1ED, NodeInfo.Require(_sandbox.InLayer("b")).Mode);
        Assert.Equal("y", File.ReadAllText(_sandbox.InLayer("b/y")));
        Assert.Equal(NodeInfo.Directory, NodeInfo.Require(_sandbox.InLayer("c")).Type);
    }

    [Fact]
    public void A_later_regular_file_replaces_an_earlier_one_and_a_symlink_of_the_same_name()
    {
        _sandbox.Apply(new LayerTar().File("f", "old").File("f", "new").Symlink("s", "f").File("s", "plain").ToTar());

        Assert.Equal("new", File.ReadAllText(_sandbox.InLayer("f")));
        Assert.Equal(NodeInfo.Regular, NodeInfo.Require(_sandbox.InLayer("s")).Type);
        Assert.Equal("plain", File.ReadAllText(_sandbox.InLayer("s")));
    }

    [Fact]
    public void A_large_file_is_streamed_intact()
    {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(content);

        _sandbox.Apply(new LayerTar().File("big.bin", content).ToGzip(), MediaTypes.OciLayerGzip);

        Assert.Equal(content, File.ReadAllBytes(_sandbox.InLayer("big.bin")));
    }

    private static void Replace(byte[] haystack, byte[] needle, byte[] replacement)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0);
        replacement.CopyTo(haystack, at);
    }
}
