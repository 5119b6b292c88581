using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class WorkingDirectoryPreparerTests : IDisposable
{
    private readonly ImageLayers _image = new();
    private readonly string _base;

    public WorkingDirectoryPreparerTests() => _base = _image.AddBaseLayer();

    public void Dispose() => _image.Dispose();

    [Fact]
    public void A_missing_directory_is_made_in_the_upper_layer_mode_0755_and_its_existing_parent_keeps_its_mode()
    {
        var srv = Directory.CreateDirectory(Path.Combine(_base, "srv")).FullName;
        File.SetUnixFileMode(srv, (UnixFileMode)0x1E8); // 0750

        WorkingDirectoryPreparer.Prepare("/srv/app/data", _image.Paths.Upper, _image.TopFirst);

        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(Path.Combine(_image.Paths.Upper, "srv")));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(_image.Paths.Upper, "srv/app")));
        Assert.True(Directory.Exists(Path.Combine(_image.Paths.Upper, "srv/app/data")));
    }

    [Fact]
    public void A_directory_that_exists_in_the_image_is_left_alone()
    {
        Directory.CreateDirectory(Path.Combine(_base, "srv/app"));

        WorkingDirectoryPreparer.Prepare("/srv/app", _image.Paths.Upper, _image.TopFirst);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_image.Paths.Upper));
    }

    [Fact]
    public void A_symlink_in_the_way_is_neither_followed_nor_replaced()
    {
        ImageLayers.Symlink(_base, "work", _image.Root); // an absolute link that would reach the host if followed

        WorkingDirectoryPreparer.Prepare("/work/sub", _image.Paths.Upper, _image.TopFirst);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_image.Paths.Upper));
        Assert.False(Directory.Exists(Path.Combine(_image.Root, "sub")));
    }
}
