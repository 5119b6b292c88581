using System.Formats.Tar;
using System.Text;
using ContainerPS.Engine.Archive;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Tests.Archive;

public sealed class StagedArchiveTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("staged-archive-").FullName;
    private StoreLayout Layout => new(_root);

    public StagedArchiveTests() => Layout.EnsureCreated();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Entries_are_found_by_path_through_links_and_the_staging_directory_goes_on_dispose()
    {
        var tar = Tar(w =>
        {
            File(w, "a/layer.tar", "layer");
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "b/layer.tar") { LinkName = "../a/layer.tar" });
            w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "c") { LinkName = "b/layer.tar" });
        });
        using (var staged = StagedArchive.Read(tar, Layout, ArchiveLimits.Default, CancellationToken.None))
        {
            Assert.Equal("layer", Encoding.UTF8.GetString(staged.ReadAllBytes("c", 100)));
            Assert.Equal(5, staged.SizeOf("b/layer.tar"));
            var descriptor = new Descriptor { Digest = Digest.Sha256Of("layer"u8), Size = 5 };
            staged.Commit("b/layer.tar", descriptor, new BlobStore(Layout), CancellationToken.None);
            Assert.True(new BlobStore(Layout).Exists(descriptor.Digest));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Layout.Ingest));
    }

    [Fact]
    public void A_wrong_digest_is_refused_and_nothing_is_committed()
    {
        using var staged = StagedArchive.Read(Tar(w => File(w, "x", "content")), Layout, ArchiveLimits.Default, CancellationToken.None);
        var claimed = new Descriptor { Digest = Digest.Sha256Of("other"u8), Size = 7 };
        var thrown = Assert.Throws<ContainerPSException>(() => staged.Commit("x", claimed, new BlobStore(Layout), CancellationToken.None));
        Assert.Equal("ArchiveDigestMismatch", thrown.ErrorId);
        Assert.Empty(new BlobStore(Layout).List());
    }

    [Fact]
    public void More_entries_than_the_limit_are_refused_and_leave_nothing()
    {
        var tar = Tar(w => { for (var i = 0; i < 5; i++) File(w, $"f{i}", "x"); });
        var thrown = Assert.Throws<ContainerPSException>(() => StagedArchive.Read(tar, Layout, new ArchiveLimits { MaxEntries = 3 }, CancellationToken.None));
        Assert.Equal("ArchiveInvalid", thrown.ErrorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Layout.Ingest));
    }

    [Fact]
    public void A_link_loop_is_refused()
    {
        var tar = Tar(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "a") { LinkName = "b" });
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "b") { LinkName = "a" });
        });
        var thrown = Assert.Throws<ContainerPSException>(() => StagedArchive.Read(tar, Layout, ArchiveLimits.Default, CancellationToken.None));
        Assert.Equal("ArchiveEntryUnsafe", thrown.ErrorId);
    }

    [Fact]
    public void A_truncated_tar_is_invalid()
    {
        var whole = Tar(w => File(w, "x", new string('y', 4000))).ToArray();
        var thrown = Assert.Throws<ContainerPSException>(() =>
            StagedArchive.Read(new MemoryStream(whole[..1000]), Layout, ArchiveLimits.Default, CancellationToken.None));
        Assert.Equal("ArchiveInvalid", thrown.ErrorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Layout.Ingest));
    }

    private static MemoryStream Tar(Action<TarWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true)) write(writer);
        stream.Position = 0;
        return stream;
    }

    private static void File(TarWriter writer, string name, string content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
}
