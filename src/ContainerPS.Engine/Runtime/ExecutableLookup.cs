namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Finds a command in the image the way execvp(3) would inside the container: a name without '/' is looked up in
/// each directory of the container's PATH, in the merged layers (whiteouts honoured, symlinks resolved inside the
/// image). The first executable regular file wins; a name that is found nowhere is passed on unchanged and fails at
/// exec with the supervisor's error.
/// </summary>
internal static class ExecutableLookup
{
    public static string Resolve(ImageFileSystem image, string command, string? path)
    {
        if (command.Length == 0 || command.Contains('/')) return command;
        foreach (var directory in (path ?? SpecDefaults.Path).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!directory.StartsWith('/')) continue; // a relative PATH entry means the cwd, which is not known to be stable
            var candidate = directory.TrimEnd('/') + "/" + command;
            if (image.Lookup(candidate, followFinalSymlink: true) is { IsExecutable: true }) return candidate;
        }

        return command;
    }
}
