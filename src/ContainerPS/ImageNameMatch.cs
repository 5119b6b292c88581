using System.Management.Automation;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;

namespace ContainerPS;

/// <summary>
/// Wildcard matching of user patterns against local images, a row per name as <c>docker images</c> lists them: every
/// name in its full form and in the familiar form Docker shows (<c>busybox:latest</c>), and the id with and without
/// <c>sha256:</c>, which selects every row of the image.
/// </summary>
internal static class ImageNameMatch
{
    public static WildcardPattern Pattern(string text) => WildcardPattern.Get(text, WildcardOptions.IgnoreCase);

    public static bool IsWildcard(string text) => WildcardPattern.ContainsWildcardCharacters(text);

    /// <summary>The names of an image's rows: one per name, or one nameless (null) row for a dangling image.</summary>
    public static IReadOnlyList<string?> RowNames(ImageInfo image) => image.Names.Count == 0 ? [null] : [.. image.Names];

    /// <summary>The rows a pattern selects: those whose name matches, or all of them when the id matches.</summary>
    public static IEnumerable<string?> MatchingRows(WildcardPattern pattern, ImageInfo image) =>
        pattern.IsMatch(image.Id.ToString()) || pattern.IsMatch(image.Id.Hex) ? RowNames(image) : MatchingNames(pattern, image).Cast<string?>();

    /// <summary>The image's full names whose full or familiar form matches the pattern.</summary>
    public static IEnumerable<string> MatchingNames(WildcardPattern pattern, ImageInfo image) =>
        image.Names.Where(name => pattern.IsMatch(name) || pattern.IsMatch(FamiliarName(name)));

    /// <summary>The familiar form of a stored name; a name the parser rejects is shown as stored.</summary>
    public static string FamiliarName(string name) =>
        ReferenceParser.TryParse(name, out var reference) ? reference!.FamiliarName : name;
}
