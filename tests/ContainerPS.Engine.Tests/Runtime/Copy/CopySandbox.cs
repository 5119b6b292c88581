using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using Tmds.Linux;

namespace ContainerPS.Engine.Tests.Runtime.Copy;

/// <summary>
/// A throwaway directory per test: <see cref="ContainerRootPath"/> plays a container's root (opened as the copy opens
/// one, by fd), <see cref="HostPath"/> the host outside it, with a sentinel file and directory whose state every test
/// checks is unchanged, and <see cref="Outside"/> where copies out land.
/// </summary>
internal sealed unsafe class CopySandbox : IDisposable
{
    private readonly FileDescriptor _rootFd;

    public CopySandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "cps-copy-" + Guid.NewGuid().ToString("N"));
        ContainerRootPath = Path.Combine(Root, "container");
        HostPath = Path.Combine(Root, "host");
        Outside = Path.Combine(Root, "out");
        foreach (var dir in new[] { ContainerRootPath, Path.Combine(HostPath, "dir"), Outside }) Directory.CreateDirectory(dir);
        HostSecret = Path.Combine(HostPath, "secret");
        File.WriteAllText(HostSecret, "host secret\n");
        HostBefore = Snapshot(HostPath);
        fixed (byte* p = Utf8Path.ToArray(ContainerRootPath))
        {
            _rootFd = new FileDescriptor(LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0));
        }
    }

    public string Root { get; }

    public string ContainerRootPath { get; }

    public string HostPath { get; }

    public string HostSecret { get; }

    public string Outside { get; }

    public string HostBefore { get; }

    public string InContainer(string relative) => Path.Combine(ContainerRootPath, relative);

    public PathCopy ToContainer() => new(new HostTree(), new ContainerTree(_rootFd.Value), CancellationToken.None);

    public PathCopy FromContainer() => new(new ContainerTree(_rootFd.Value), new HostTree(), CancellationToken.None);

    public void Symlink(string target, string relativeInContainer) => File.CreateSymbolicLink(InContainer(relativeInContainer), target);

    /// <summary>Every path, type, size, mode and mtime below the host directory, to compare before and after.</summary>
    public string HostNow() => Snapshot(HostPath);

    public void Dispose()
    {
        _rootFd.Dispose();
        ContainerPS.Engine.Unpack.TreeRemover.RemovePath(Root); // never follows the hostile links a test leaves
    }

    private static string Snapshot(string path) =>
        string.Join('\n', new DirectoryInfo(path).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .OrderBy(i => i.FullName, StringComparer.Ordinal)
            .Select(i => $"{i.FullName} {i.Attributes} {(i as FileInfo)?.Length} {i.UnixFileMode} {i.LastWriteTimeUtc.Ticks}"));
}
