namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Turns a COPY/ADD source as written into a context-relative path: it is cleaned like Go's <c>filepath.Clean</c>,
/// an absolute source is relative to the context root (Dockerfile reference, "COPY": "absolute paths are interpreted
/// as relative to the source of the context"), and a relative source that climbs above the root with <c>..</c> is
/// <c>BuildContextEscape</c>, as the classic docker builder rejects it ("Forbidden path outside the build context").
/// </summary>
internal static class ContextSourcePath
{
    /// <summary>The context-relative, slash-separated path; <c>""</c> names the context root.</summary>
    public static string Normalize(string source)
    {
        if (source.Length == 0) throw BuildContextErrors.NotFound(source);
        string cleaned = SlashPath.Clean(source);
        if (cleaned == ".." || cleaned.StartsWith("../", StringComparison.Ordinal)) throw BuildContextErrors.Escape(source);
        if (cleaned.StartsWith('/')) cleaned = cleaned[1..];
        return cleaned == "." ? "" : cleaned;
    }
}
