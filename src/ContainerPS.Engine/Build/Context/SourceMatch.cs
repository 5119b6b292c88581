namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// One context entry a COPY/ADD source names. <see cref="MatchedPath"/> is the path as the source (or its wildcard)
/// named it, whose base name docker uses at the destination; <see cref="Entry"/> is what it resolves to after
/// following symbolic links inside the context. A directory stands for its contents (Dockerfile reference, "COPY":
/// "If &lt;src&gt; is a directory, the entire contents of the directory are copied ... the directory itself is not
/// copied, just its contents"), listed in <see cref="Contents"/> in walk order, ignored entries left out.
/// </summary>
public sealed record SourceMatch(string MatchedPath, ContextEntry Entry, IReadOnlyList<ContextEntry> Contents)
{
    /// <summary>Where an entry of <see cref="Contents"/> lies relative to the matched directory, slash-separated.</summary>
    public string PathInSource(ContextEntry content) =>
        Entry.ContextPath.Length == 0 ? content.ContextPath : content.ContextPath[(Entry.ContextPath.Length + 1)..];
}
