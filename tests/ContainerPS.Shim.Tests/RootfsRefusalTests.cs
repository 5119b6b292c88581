namespace ContainerPS.Shim.Tests;

/// <summary>An image whose /proc, /sys or /dev is not a real directory is refused before anything is mounted there (hardening.md).</summary>
public sealed class RootfsRefusalTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    [Theory]
    [InlineData("proc", "/etc")]
    [InlineData("sys", "/tmp")]
    [InlineData("dev", "../../../../../../dev")]
    public void A_rootfs_whose_kernel_directory_is_a_symlink_is_refused_and_nothing_is_left(string name, string target)
    {
        File.CreateSymbolicLink(Path.Combine(_bundle.Rootfs, name), target);
        _bundle.Write(BusyboxBundle.DefaultSpec("true"));
        string id = _shim.NewId();
        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"step 'rootfs-{name}-is-a-directory-not-a-symlink' failed: errno 20 (ENOTDIR)", result.Stderr);
        Assert.Equal(3, _shim.Invoke("state", id).ExitCode);
        Assert.Empty(Shim.CgroupDirectories(id));
    }

    [Fact]
    public void A_missing_kernel_directory_is_created()
    {
        Directory.Delete(Path.Combine(_bundle.Rootfs, "tmp"));
        _bundle.Write(BusyboxBundle.DefaultSpec("test -d /proc/self && echo ok"));
        var result = _shim.Run(_bundle, _shim.NewId());
        Assert.Equal(["ok"], result.Lines);
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
