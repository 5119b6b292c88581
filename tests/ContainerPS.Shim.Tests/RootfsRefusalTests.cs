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

    [Fact]
    public void A_volume_below_an_image_symlink_to_an_absolute_path_lands_in_the_container_not_on_the_host()
    {
        // The image's /data -> /etc must mean the container's /etc: the host's /etc gets no "containerps-probe".
        string probe = "containerps-probe-" + Guid.NewGuid().ToString("N")[..8];
        File.CreateSymbolicLink(Path.Combine(_bundle.Rootfs, "data"), "/etc");
        string volume = Directory.CreateTempSubdirectory("cps-vol-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(volume, "file"), "volume\n");
            var spec = BusyboxBundle.DefaultSpec($"cat /etc/{probe}/file");
            spec = spec with { Mounts = [.. spec.Mounts, new Runtime.Spec.MountSpec { Destination = $"/data/{probe}", Type = "bind", Source = volume, Options = ["rbind", "ro"] }] };
            var result = _shim.RunSpec(_bundle, spec, out _);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["volume"], result.Lines);
            Assert.False(Directory.Exists($"/etc/{probe}"));
            Assert.True(Directory.Exists(Path.Combine(_bundle.Rootfs, "etc", probe)));
        }
        finally { Directory.Delete(volume, true); }
    }

    [Fact]
    public void A_file_bind_is_mounted_on_a_file_it_creates()
    {
        string file = Path.Combine(_bundle.Path, "hosts");
        File.WriteAllText(file, "127.0.0.1 localhost\n");
        var spec = BusyboxBundle.DefaultSpec("cat /etc/hosts; test -f /etc/hosts && echo file");
        spec = spec with { Mounts = [.. spec.Mounts, new Runtime.Spec.MountSpec { Destination = "/etc/hosts", Type = "bind", Source = "hosts", Options = ["bind", "ro"] }] };
        Assert.Equal(["127.0.0.1 localhost", "file"], _shim.RunSpec(_bundle, spec, out _).Lines);
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
