namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// The Dockerfile's physical lines, read forward one at a time with their 1-based numbers. A byte-order mark on the
/// first line and a carriage return ending any line are dropped, as BuildKit does.
/// </summary>
internal sealed class SourceLines
{
    private readonly string[] lines;
    private int next;

    public SourceLines(string text)
    {
        string body = text.StartsWith('\uFEFF') ? text[1..] : text;
        lines = body.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        if (body.EndsWith('\n')) lines = lines[..^1];
    }

    public IReadOnlyList<string> All => lines;

    /// <summary>The number of the line last read (0 before the first).</summary>
    public int LastNumber => next;

    public bool TryRead(out string line, out int number)
    {
        number = next + 1;
        if (next >= lines.Length)
        {
            line = "";
            return false;
        }
        line = lines[next++];
        return true;
    }
}
