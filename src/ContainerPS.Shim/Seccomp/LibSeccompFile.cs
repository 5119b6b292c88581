namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// The libseccomp.so.2 this process loaded, as a file: its real path, size and modification time. A cache entry
/// records it when it is compiled and is reused only while that file is unchanged, which costs two stat calls where
/// asking libseccomp its version would load it (dlopen, about 0.1 ms of every start). An upgrade of the library
/// replaces the file (a new name for a new version, a new time), so its first start compiles anew.
/// </summary>
internal static class LibSeccompFile
{
    /// <summary>After a compile: the loaded library's identity, from /proc/self/maps; null if it cannot be found.</summary>
    public static string? Loaded()
    {
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            int path = line.IndexOf('/');
            if (path >= 0 && Path.GetFileName(line.AsSpan(path)).StartsWith("libseccomp.so.2", StringComparison.Ordinal))
            {
                return Identity(line[path..]);
            }
        }
        return null;
    }

    public static bool IsStill(string identity) => identity.Length > 0 && Identity(identity[..identity.IndexOf('\n')]) == identity;

    /// <summary>"real path\nsize\nmtime ticks", or "" when the file is gone.</summary>
    private static string Identity(string path)
    {
        var file = new FileInfo(path);
        if (file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) file = target;
        return file.Exists ? $"{file.FullName}\n{file.Length}\n{file.LastWriteTimeUtc.Ticks}" : "";
    }
}
