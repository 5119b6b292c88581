using System.Text;
using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>An instruction as one line of text: what Build-Image shows for the step, the cache key and the history take.</summary>
internal static class InstructionText
{
    /// <summary>Keyword, flags and arguments as written, on one line.</summary>
    public static string Display(DockerfileInstruction instruction)
    {
        var text = new StringBuilder(instruction.Keyword);
        foreach (var flag in instruction.Flags) text.Append(" --").Append(flag.Name).Append(flag.Value is null ? "" : "=" + flag.Value);
        if (instruction.Arguments.Length > 0) text.Append(' ').Append(instruction.Arguments);
        return text.ToString();
    }

    /// <summary>Everything the instruction says, heredoc bodies included, for its cache key.</summary>
    public static string Full(DockerfileInstruction instruction)
    {
        var text = new StringBuilder(Display(instruction));
        foreach (var heredoc in instruction.Heredocs)
            text.Append('\n').Append(heredoc.Name).Append(heredoc.Expand ? "" : " (quoted)").Append('\n').Append(heredoc.Content);
        return text.ToString();
    }
}
