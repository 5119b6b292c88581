using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime;
using Tmds.Linux;

namespace ContainerPS.Engine.Tests.Runtime;

/// <summary>
/// A throwaway container directory and image layers built by hand, in overlay lower-dir form (whiteouts are 0/0
/// character devices, as the unpacker writes them), for the bundle builder and the merged-view lookups.
/// </summary>
internal sealed class ImageLayers : IDisposable
{
    public const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly List<string> _layers = [];

    public ImageLayers()
    {
        Root = Directory.CreateTempSubdirectory("cps-runtime-").FullName;
        Paths = new ContainerPaths(Path.Combine(Root, "container"));
        Directory.CreateDirectory(Paths.Upper);
        Directory.CreateDirectory(Paths.Work);
        Directory.CreateDirectory(Paths.Rootfs);
    }

    public string Root { get; }

    public ContainerPaths Paths { get; }

    /// <summary>Lower directories, top first, as the overlay annotation lists them.</summary>
    public IReadOnlyList<string> TopFirst => [.. Enumerable.Reverse(_layers)];

    /// <summary>Adds a layer above the others and returns its directory.</summary>
    public string AddLayer()
    {
        var dir = Path.Combine(Root, $"layer{_layers.Count}");
        Directory.CreateDirectory(dir);
        _layers.Add(dir);
        return dir;
    }

    public static void WriteFile(string layer, string path, string text, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        var full = Path.Combine(layer, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        File.SetUnixFileMode(full, mode);
    }

    public static void Symlink(string layer, string path, string target)
    {
        var full = Path.Combine(layer, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public static unsafe void Whiteout(string layer, string path)
    {
        var full = Path.Combine(layer, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var bytes = System.Text.Encoding.UTF8.GetBytes(full + "\0");
        fixed (byte* p = bytes) Assert.Equal(0, LibC.mknod(p, LibC.S_IFCHR, 0));
    }

    /// <summary>The busybox-like base: /etc/passwd and /etc/group with root, app (1000) and nobody, and /bin/sh.</summary>
    public string AddBaseLayer()
    {
        var layer = AddLayer();
        WriteFile(layer, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\nnobody:x:65534:65534::/nonexistent:/bin/false\n");
        WriteFile(layer, "etc/group", "root:x:0:\nwheel:x:10:app,root\nstaff:x:50:\napp:x:1000:\nnobody:x:65534:\n");
        WriteFile(layer, "bin/busybox", "#!", (UnixFileMode)0x1ED);
        Symlink(layer, "bin/sh", "busybox");
        return layer;
    }

    public BundleInput Input(CreateOptions? options = null, ContainerConfig? config = null) =>
        new(Id, Paths, options ?? new CreateOptions { Image = "test/image" }, config ?? new ContainerConfig { Cmd = ["sh"] }, TopFirst);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
