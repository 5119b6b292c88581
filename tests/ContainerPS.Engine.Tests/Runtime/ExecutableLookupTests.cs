using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class ExecutableLookupTests : IDisposable
{
    private readonly ImageLayers _image = new();
    private readonly string _base;

    public ExecutableLookupTests()
    {
        _base = _image.AddBaseLayer();
        ImageLayers.WriteFile(_base, "usr/bin/tool", "#!", (UnixFileMode)0x1ED);
        ImageLayers.WriteFile(_base, "bin/tool", "#!", (UnixFileMode)0x1ED);
        ImageLayers.WriteFile(_base, "usr/local/bin/data", "not a program");
        ImageLayers.WriteFile(_base, "bin/data", "#!", (UnixFileMode)0x1ED);
    }

    public void Dispose() => _image.Dispose();

    [Theory]
    [InlineData("tool", "/usr/local/bin:/usr/bin:/bin", "/usr/bin/tool")]
    [InlineData("tool", "/bin:/usr/bin", "/bin/tool")]
    [InlineData("sh", null, "/bin/sh")]
    [InlineData("data", "/usr/local/bin:/bin", "/bin/data")]
    [InlineData("missing", null, "missing")]
    [InlineData("./relative", null, "./relative")]
    [InlineData("/abs/path", null, "/abs/path")]
    [InlineData("tool", "relative:/bin", "/bin/tool")]
    public void A_command_is_found_in_the_image_s_PATH(string command, string? path, string expected)
    {
        using var fs = new ImageFileSystem(_image.TopFirst);

        Assert.Equal(expected, ExecutableLookup.Resolve(fs, command, path));
    }

    [Fact]
    public void A_whiteout_in_a_higher_layer_hides_a_program_below()
    {
        ImageLayers.Whiteout(_image.AddLayer(), "usr/bin/tool");
        using var fs = new ImageFileSystem(_image.TopFirst);

        Assert.Equal("/bin/tool", ExecutableLookup.Resolve(fs, "tool", "/usr/bin:/bin"));
    }

    [Fact]
    public void A_directory_symlink_is_resolved_inside_the_image()
    {
        var top = _image.AddLayer();
        ImageLayers.Symlink(top, "opt/tools", "/usr/bin");
        using var fs = new ImageFileSystem(_image.TopFirst);

        Assert.Equal("/opt/tools/tool", ExecutableLookup.Resolve(fs, "tool", "/opt/tools"));
    }

    [Fact]
    public void An_opaque_directory_hides_the_lower_layers_contents()
    {
        var top = _image.AddLayer();
        var usrBin = Directory.CreateDirectory(Path.Combine(top, "usr/bin")).FullName;
        SetOpaque(usrBin);
        using var fs = new ImageFileSystem(_image.TopFirst);

        Assert.Null(fs.Lookup("/usr/bin/tool", followFinalSymlink: true));
        Assert.NotNull(fs.Lookup("/bin/tool", followFinalSymlink: true));
    }

    private static unsafe void SetOpaque(string directory)
    {
        var path = System.Text.Encoding.UTF8.GetBytes(directory + "\0");
        var name = "trusted.overlay.opaque\0"u8.ToArray();
        var value = "y"u8.ToArray();
        fixed (byte* p = path)
        fixed (byte* n = name)
        fixed (byte* v = value)
        {
            Assert.Equal(0, Native.LibCExtra.lsetxattr(p, n, v, 1, 0));
        }
    }
}
