using System.Diagnostics;
using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>Creating and removing a cgroup directory inside one hierarchy.</summary>
internal static class CgroupTree
{
    /// <summary>How long rmdir keeps retrying EBUSY: the kernel needs a moment after the last task exits.</summary>
    private static readonly TimeSpan RemoveRetryBound = TimeSpan.FromSeconds(1);

    /// <summary>
    /// mkdir -p of the ancestors (they may exist, other containers share them), then mkdir of the cgroup itself, which
    /// must not exist. <paramref name="beforeDescending"/> runs on every directory from the root down to the parent
    /// (v2 enables controllers there); <paramref name="created"/> runs after each mkdir that created something.
    /// </summary>
    public static string MakeLeaf(string hierarchyRoot, IReadOnlyList<string> segments, Action<string>? beforeDescending, Action<string>? created)
    {
        string directory = hierarchyRoot;
        for (int i = 0; i < segments.Count; i++)
        {
            beforeDescending?.Invoke(directory);
            directory = Path.Combine(directory, segments[i]);
            bool isLeaf = i == segments.Count - 1;
            if (CgroupFiles.MakeDirectory(directory))
            {
                created?.Invoke(directory);
            }
            else if (isLeaf)
            {
                throw new CgroupException(CgroupErrorIds.Exists, $"The cgroup '{directory}' already exists.", directory, LibC.EEXIST);
            }
        }

        return directory;
    }

    /// <summary>rmdir, retrying EBUSY briefly while the last tasks finish exiting; a missing directory is fine.</summary>
    public static void Remove(string directory)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            int errno = CgroupFiles.RemoveDirectory(directory);
            if (errno == 0 || errno == LibC.ENOENT)
            {
                return;
            }

            if (errno != LibC.EBUSY || elapsed.Elapsed > RemoveRetryBound)
            {
                throw CgroupException.FromErrno(CgroupErrorIds.RemoveFailed, "rmdir", directory, errno);
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Undoes a partial creation; the first error is what the caller reports, so this one only tries.</summary>
    public static void TryRemove(string directory)
    {
        _ = CgroupFiles.RemoveDirectory(directory);
    }
}
