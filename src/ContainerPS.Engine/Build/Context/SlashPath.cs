namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Lexical clean-up of slash-separated paths with Go's <c>path.Clean</c> rules, because docker cleans every
/// <c>.dockerignore</c> pattern and every COPY/ADD source this way before matching (Dockerfile reference,
/// ".dockerignore file": "the file is pre-processed using Go's filepath.Clean").
/// </summary>
internal static class SlashPath
{
    /// <summary>Collapses repeated slashes, drops <c>.</c>, resolves <c>..</c> lexically; empty becomes <c>.</c>.</summary>
    public static string Clean(string path)
    {
        bool rooted = path.StartsWith('/');
        var kept = new List<string>();
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            Apply(kept, segment, rooted);
        string joined = string.Join('/', kept);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>Joins a context-relative directory and a child name; the root is <c>""</c>.</summary>
    public static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    private static void Apply(List<string> kept, string segment, bool rooted)
    {
        if (segment == ".") return;
        if (segment != "..") { kept.Add(segment); return; }
        if (kept.Count > 0 && kept[^1] != "..") kept.RemoveAt(kept.Count - 1);
        else if (!rooted) kept.Add("..");
    }
}
