using System.Text;
using ContainerPS.Engine.Build.Config;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// The process a RUN step starts (Dockerfile reference, "RUN", "Shell and exec form", "Here-Documents"): the exec form
/// as given; the shell form through the stage's SHELL; a RUN that is only a heredoc runs the heredoc's body as the
/// shell's script; heredocs after a command are handed to the shell as here-documents of that command.
/// </summary>
internal static class RunCommand
{
    public static IReadOnlyList<string> Of(DockerfileInstruction instruction, ContainerConfig config)
    {
        if (instruction.JsonForm is { } exec) return exec;
        var shell = config.Shell ?? ConfigInstructionApplier.DefaultShell;
        return [.. shell, Script(instruction)];
    }

    /// <summary>What the shell runs: the command line, or with heredocs the text the Dockerfile holds.</summary>
    public static string Script(DockerfileInstruction instruction)
    {
        if (instruction.Heredocs.Count == 0) return instruction.Arguments;
        if (instruction.Heredocs.Count == 1 && IsOnlyMarker(instruction.Arguments)) return instruction.Heredocs[0].Content;
        var script = new StringBuilder(instruction.Arguments).Append('\n');
        foreach (var heredoc in instruction.Heredocs) script.Append(heredoc.Content).Append(heredoc.Name).Append('\n');
        return script.ToString();
    }

    /// <summary><c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c> or a quoted marker, and nothing else.</summary>
    private static bool IsOnlyMarker(string arguments)
    {
        var text = arguments.Trim();
        return text.StartsWith("<<", StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal);
    }
}
