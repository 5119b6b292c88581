using System.Text;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// `exec --status-file FILE`: one line telling the caller how the exec ended, because the exit code alone cannot:
/// the process may itself exit 1, 4 or 127. <c>exited N</c>: the process ran and exited with N (128 + signal when
/// killed). <c>failed CODE MESSAGE</c>: it never ran; CODE is the shim's exit code (3 no such container, 4 not
/// running, 126 the program could not be executed, 127 it was not found, 1 any other setup failure).
/// Written by the shim on the host (it never leaves the host's mount namespace), after the end.
/// </summary>
internal static class ExecStatusFile
{
    public static void Exited(string? path, int exitCode) => Write(path, $"exited {exitCode}\n");

    public static void Failed(string? path, int exitCode, string message) =>
        Write(path, $"failed {exitCode} {message.ReplaceLineEndings(" ")}\n");

    private static void Write(string? path, string line)
    {
        if (path is null) return;
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, line, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
