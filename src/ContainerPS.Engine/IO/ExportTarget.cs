using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.IO;

/// <summary>
/// The checks every export makes of the path it is told to write (Export-Image, Export-Container), so both report
/// the same stable ids: its directory must exist (ExportDirectoryNotFound), an existing target is replaced only with
/// -Force (ExportTargetExists), and a file is never replaced by a directory or the other way (ExportTargetKindMismatch).
/// </summary>
public static class ExportTarget
{
    /// <summary>Checks <paramref name="full"/> (an absolute path) before anything is written beside it.</summary>
    public static void Check(string full, bool directory, bool force)
    {
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
            throw Fail.NotFound("ExportDirectoryNotFound", $"The directory of '{full}' does not exist.", full);
        var isDirectory = Directory.Exists(full);
        if (!isDirectory && !File.Exists(full)) return;
        if (isDirectory != directory)
            throw Fail.Conflict("ExportTargetKindMismatch",
                $"'{full}' is a {(isDirectory ? "directory" : "file")}; this export writes a {(directory ? "directory" : "file")}.", full);
        if (!force) throw Exists(full);
    }

    /// <summary>The error for a target that appeared while the export was being written.</summary>
    public static ContainerPSException Exists(string full) =>
        Fail.Conflict("ExportTargetExists", $"'{full}' already exists; use -Force to replace it.", full);
}
