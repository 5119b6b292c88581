using System.Diagnostics;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Tests.Store;

public sealed class StoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cps-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_new_store_is_an_oci_layout_readable_only_by_its_owner()
    {
        var layout = new StoreLayout(Path.Combine(_root, "s"));
        layout.EnsureCreated();

        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", File.ReadAllText(layout.LayoutMarkerFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(layout.Root));
        Assert.True(Directory.Exists(layout.Blobs));
    }

    [Fact]
    public void A_blob_whose_content_does_not_match_its_digest_is_not_stored()
    {
        var layout = new StoreLayout(_root);
        layout.EnsureCreated();
        var blobs = new BlobStore(layout);
        var descriptor = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Sha256Of("good"u8), Size = 4 };

        var error = Assert.Throws<ContainerPSException>(() => blobs.WriteVerified(descriptor, "evil"u8.ToArray()));

        Assert.Equal("BlobDigestMismatch", error.ErrorId);
        Assert.False(blobs.Exists(descriptor.Digest));
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Blobs));
    }

    [Fact]
    public void A_blob_of_the_wrong_size_is_BlobSizeMismatch()
    {
        var layout = new StoreLayout(_root);
        layout.EnsureCreated();
        var descriptor = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Sha256Of("good"u8), Size = 5 };

        Assert.Equal("BlobSizeMismatch", Assert.Throws<ContainerPSException>(() => new BlobStore(layout).WriteVerified(descriptor, "good"u8.ToArray())).ErrorId);
    }

    [Fact]
    public void A_file_lock_excludes_another_process_until_released()
    {
        var path = Path.Combine(_root, "x.lock");
        using (FileLock.Acquire(path, exclusive: true, CancellationToken.None))
        {
            Assert.NotEqual(0, Flock(path));
        }

        Assert.Equal(0, Flock(path));
    }

    [Fact]
    public void Waiting_for_a_held_lock_can_be_cancelled()
    {
        var path = Path.Combine(_root, "y.lock");
        using var held = FileLock.Acquire(path, exclusive: true, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Task.Run(() => FileLock.Acquire(path, exclusive: true, cts.Token)).GetAwaiter().GetResult());
    }

    /// <summary>Another process tries the lock without waiting (util-linux flock -n); 0 means it got it.</summary>
    private static int Flock(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["-n", path, "true"]))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
