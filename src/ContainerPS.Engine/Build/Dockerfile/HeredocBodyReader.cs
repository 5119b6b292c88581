using System.Text;
using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Reads here-document bodies from the lines after their instruction, one body per marker in marker order (Dockerfile
/// reference, "Here-Documents"). A body ends at a line equal to its delimiter (after leading tabs, for <c>&lt;&lt;-</c>);
/// body lines are taken verbatim, so comments and escape characters in them mean nothing to the parser.
/// </summary>
internal static partial class HeredocBodyReader
{
    public static List<DockerfileHeredoc> Read(SourceLines source, IEnumerable<HeredocMarker> markers, SourceLocation at) =>
        markers.Select(marker => ReadOne(source, marker, at)).ToList();

    private static DockerfileHeredoc ReadOne(SourceLines source, HeredocMarker marker, SourceLocation at)
    {
        var content = new StringBuilder();
        while (source.TryRead(out string line, out _))
        {
            string candidate = marker.StripTabs ? line.TrimStart('\t') : line;
            if (candidate == marker.Name) return HeredocOf(marker, content.ToString());
            content.Append(line).Append('\n');
        }
        throw DockerfileErrors.Parse(at, $"unterminated heredoc '{marker.Name}' (lines {at.Line}-{source.LastNumber})");
    }

    private static DockerfileHeredoc HeredocOf(HeredocMarker marker, string content) =>
        new(marker.Name, marker.StripTabs ? LeadingTabs().Replace(content, "") : content, marker.Expand, marker.StripTabs, marker.FileDescriptor);

    [GeneratedRegex(@"(?m)^\t+")]
    private static partial Regex LeadingTabs();
}
