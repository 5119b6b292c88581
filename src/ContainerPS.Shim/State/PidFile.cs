using System.Globalization;

namespace ContainerPS.Shim.State;

/// <summary>
/// runc's --pid-file (runc-create(8), runc-exec(8)): the pid as decimal text, no newline (runc writes it that way
/// and containerd's shim parses it strictly), through a temp file in the same directory and a rename, so a reader
/// never sees a partial file.
/// </summary>
internal static class PidFile
{
    public static void Write(string? path, int pid)
    {
        if (path is null) return;
        string directory = Path.GetDirectoryName(path) ?? "/";
        string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, pid.ToString(CultureInfo.InvariantCulture));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new ShimException(ExitCodes.Failure, $"--pid-file {path}: {e.Message}");
        }
    }
}
