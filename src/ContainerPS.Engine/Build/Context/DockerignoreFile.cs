using System.Text;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Reads a <c>.dockerignore</c> file the way docker does (Dockerfile reference, ".dockerignore file"): a UTF-8 BOM
/// is dropped, lines starting with <c>#</c> are comments, surrounding whitespace is trimmed, blank lines are skipped,
/// a <c>!</c> may be followed by blanks, each pattern is cleaned like Go's <c>filepath.Clean</c> and loses a leading
/// <c>/</c> so that absolute patterns are relative to the context root. A bad pattern is
/// <c>DockerignoreInvalidPattern</c> naming the file and line.
/// </summary>
public static class DockerignoreFile
{
    public const string InvalidPatternId = "DockerignoreInvalidPattern";

    /// <summary>The matcher for the file at <paramref name="path"/>.</summary>
    public static IgnoreMatcher Load(string path)
    {
        try { return Parse(File.ReadAllText(path, Encoding.UTF8), path); }
        catch (IOException e) { throw Fail.Unavailable("DockerignoreUnreadable", $"{path}: {e.Message}", path, e); }
        catch (UnauthorizedAccessException e) { throw Fail.PermissionDenied("DockerignoreUnreadable", $"{path}: {e.Message}", path, e); }
    }

    /// <summary>The matcher for the text of a file; <paramref name="fileName"/> only names it in errors.</summary>
    public static IgnoreMatcher Parse(string text, string fileName)
    {
        var patterns = new List<IgnorePattern>();
        string[] lines = (text.StartsWith('\uFEFF') ? text[1..] : text).Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            string? written = Normalize(lines[index]);
            if (written is null) continue;
            IgnorePattern? pattern = IgnorePattern.TryCreate(written, index + 1, out string? problem);
            if (pattern is null)
                throw Fail.InvalidArgument(InvalidPatternId, $"{fileName}:{index + 1}: invalid pattern '{written}': {problem}", fileName);
            patterns.Add(pattern);
        }
        return new IgnoreMatcher(patterns);
    }

    /// <summary>The pattern as docker keeps it, or null for comments and blank lines.</summary>
    internal static string? Normalize(string line)
    {
        if (line.StartsWith('#')) return null;
        string pattern = line.Trim();
        if (pattern.Length == 0) return null;
        bool isException = pattern[0] == '!';
        if (isException) pattern = pattern[1..].Trim();
        if (pattern.Length > 0) pattern = DropLeadingSlash(SlashPath.Clean(pattern));
        return isException ? "!" + pattern : pattern;
    }

    private static string DropLeadingSlash(string pattern) => pattern.Length > 1 && pattern[0] == '/' ? pattern[1..] : pattern;
}
