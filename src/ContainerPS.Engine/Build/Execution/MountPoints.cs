using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Removes from a step's upper directory the empty mount points the runtime made for the step's mounts (a secret's
/// file, a cache's directory and the parents made for them), which the image below does not have, so a mount
/// leaves no trace in the layer (Dockerfile reference, "RUN --mount": the mounts are not part of the image).
/// </summary>
internal static class MountPoints
{
    public static void Remove(string upper, IEnumerable<string> targets, IReadOnlyList<string> lowersTopFirst)
    {
        using var below = new ImageFileSystem(lowersTopFirst);
        foreach (var target in targets)
        {
            for (var path = target.TrimEnd('/'); path.Length > 0 && below.Lookup(path, followFinalSymlink: false) is null; path = Parent(path))
            {
                var inUpper = Path.Combine(upper, path.TrimStart('/'));
                if (Directory.Exists(inUpper) && !Directory.EnumerateFileSystemEntries(inUpper).Any()) Directory.Delete(inUpper);
                else if (File.Exists(inUpper) && new FileInfo(inUpper).Length == 0) File.Delete(inUpper);
                else break;
            }
        }
    }

    private static string Parent(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];
}
