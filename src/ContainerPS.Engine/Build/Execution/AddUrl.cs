namespace ContainerPS.Engine.Build.Execution;

/// <summary>The remote sources of ADD (Dockerfile reference, "ADD", "Adding files from a URL").</summary>
internal static class AddUrl
{
    /// <summary>BuildKit's name for a URL whose path has no last segment (<c>http://host/</c>).</summary>
    public const string UnnamedFile = "__unnamed__";

    /// <summary>An http:// or https:// source; every other word is a path in the build context.</summary>
    public static Uri? Parse(string word) =>
        (word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(word, UriKind.Absolute, out var url) ? url : null;

    /// <summary>
    /// The file's name at a directory destination: the last segment of the URL's path, unescaped (Dockerfile
    /// reference: "the filename is inferred from the URL"), as BuildKit's Dockerfile front end takes path.Base of it;
    /// neither the query nor Content-Disposition counts.
    /// </summary>
    public static string FileName(Uri url)
    {
        var segments = Uri.UnescapeDataString(url.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || segments[^1] is "." or ".." ? UnnamedFile : segments[^1];
    }
}
