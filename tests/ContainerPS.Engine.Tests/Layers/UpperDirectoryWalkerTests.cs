using ContainerPS.Engine.Layers;

namespace ContainerPS.Engine.Tests.Layers;

public sealed class UpperDirectoryWalkerTests : IDisposable
{
    private readonly UpperTree _tree = new UpperTree().WithEverything();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Entries_come_depth_first_sorted_by_name_bytes_classified_and_without_the_engine_managed_files()
    {
        var entries = new UpperDirectoryWalker(_tree.Upper).Walk().Select(e => (e.Path, e.Kind)).ToList();

        Assert.Equal(
            [
                ("etc", LayerEntryKind.Directory),
                ("etc/alternative", LayerEntryKind.Symlink),
                ("etc/fifo", LayerEntryKind.Fifo),
                ("etc/loop0", LayerEntryKind.BlockDevice),
                ("etc/motd", LayerEntryKind.Regular),
                ("etc/null", LayerEntryKind.CharDevice),
                ("opaque", LayerEntryKind.Directory),
                ("opaque/.wh..wh..opq", LayerEntryKind.OpaqueMarker),
                ("opaque/sub", LayerEntryKind.Directory),
                ("opaque/sub/file", LayerEntryKind.Regular),
                (".wh.removed", LayerEntryKind.Whiteout),
                ("usr", LayerEntryKind.Directory),
                ("usr/bin", LayerEntryKind.Directory),
                ("usr/bin/ping", LayerEntryKind.Regular),
                ("usr/bin/tool", LayerEntryKind.Regular),
                ("usr/bin/tool-link", LayerEntryKind.Hardlink),
                ("var", LayerEntryKind.Directory),
                ("var/cache", LayerEntryKind.Directory),
                ("var/cache/apt", LayerEntryKind.Directory),
                ("var/cache/apt/.wh.gone", LayerEntryKind.Whiteout),
            ],
            entries);
    }

    [Fact]
    public void Owners_modes_mtimes_devices_links_and_capabilities_are_kept_and_overlay_xattrs_are_not()
    {
        var byPath = new UpperDirectoryWalker(_tree.Upper).Walk().ToDictionary(e => e.Path);

        LayerEntry tool = byPath["usr/bin/tool"];
        Assert.Equal((0x9ED, 0L, 50L, 6L, 1700000000L), (tool.Mode, tool.Uid, tool.Gid, tool.Size, tool.MtimeSeconds)); // 04755
        Assert.Equal("usr/bin/tool", byPath["usr/bin/tool-link"].LinkTarget);
        Assert.Equal("../usr/bin/tool", byPath["etc/alternative"].LinkTarget);
        Assert.Equal((1u, 3u), (byPath["etc/null"].DevMajor, byPath["etc/null"].DevMinor));
        Assert.Equal((7u, 0u), (byPath["etc/loop0"].DevMajor, byPath["etc/loop0"].DevMinor));
        Assert.Equal((0x1C0, 7L, 8L), (byPath["var"].Mode, byPath["var"].Uid, byPath["var"].Gid));
        Assert.Equal(["security.capability"], byPath["usr/bin/ping"].Xattrs.Select(x => x.Key));
        Assert.Empty(byPath["opaque"].Xattrs);
    }

    [Fact]
    public void Symlinks_in_the_upper_directory_are_entries_and_are_never_followed()
    {
        File.CreateSymbolicLink(Path.Combine(_tree.Upper, "escape-file"), Path.Combine(_tree.Host, "secret"));
        Directory.CreateSymbolicLink(Path.Combine(_tree.Upper, "escape-dir"), _tree.Host);

        var entries = new UpperDirectoryWalker(_tree.Upper).Walk().ToList();

        Assert.Equal(LayerEntryKind.Symlink, entries.Single(e => e.Path == "escape-file").Kind);
        Assert.Equal(LayerEntryKind.Symlink, entries.Single(e => e.Path == "escape-dir").Kind);
        Assert.DoesNotContain(entries, e => e.Path.StartsWith("escape-dir/", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.StartsWith(_tree.Upper + "/", e.SourcePath, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_swapped_for_a_symlink_after_the_walk_is_refused_not_read_through()
    {
        var entries = new UpperDirectoryWalker(_tree.Upper).Walk().ToList();
        string motd = Path.Combine(_tree.Upper, "etc/motd");
        File.Delete(motd);
        File.CreateSymbolicLink(motd, Path.Combine(_tree.Host, "secret"));

        using var tar = new MemoryStream();
        Assert.Throws<IOException>(() => LayerTarWriter.Write(entries, tar));
        Assert.DoesNotContain("host secret", System.Text.Encoding.UTF8.GetString(tar.ToArray()), StringComparison.Ordinal);
    }
}
