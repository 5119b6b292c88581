using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Reads the parser directives (Dockerfile reference, "Parser directives"): <c># key=value</c> lines at the very top,
/// keys case-insensitive. The first line that is not a known directive (an instruction, a blank line, an ordinary
/// comment or an unknown directive) ends them; later directive-like lines are plain comments. A repeated directive and
/// an escape other than <c>\</c> or <c>`</c> are errors.
/// </summary>
internal static partial class DirectiveReader
{
    private static readonly HashSet<string> KnownNames = ["syntax", "escape", "check"];

    public static DockerfileDirectives Read(IReadOnlyList<string> lines, string file)
    {
        var found = new Dictionary<string, string>();
        for (int index = 0; index < lines.Count; index++)
        {
            Match match = DirectivePattern().Match(lines[index].TrimStart());
            string name = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "";
            if (!KnownNames.Contains(name)) break;
            var at = new SourceLocation(file, index + 1);
            if (!found.TryAdd(name, match.Groups[2].Value)) throw DockerfileErrors.Parse(at, $"only one {name} parser directive can be used");
            if (name == "escape") EscapeOf(found[name], at);
        }
        return new DockerfileDirectives(found.TryGetValue("escape", out string? escape) ? escape[0] : DockerfileDirectives.DefaultEscape,
            found.GetValueOrDefault("syntax"), found);
    }

    private static char EscapeOf(string value, SourceLocation at) =>
        value is "\\" or "`" ? value[0] : throw DockerfileErrors.Parse(at, $"invalid escape token '{value}' does not match ` or \\");

    [GeneratedRegex(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")]
    private static partial Regex DirectivePattern();
}
