namespace ContainerPS.Engine.Images;

/// <summary>
/// The keys of a config's ExposedPorts: <c>port/protocol</c> with tcp the default (image-spec config.md, ExposedPorts);
/// a Dockerfile EXPOSE range <c>8000-8002</c> names each port.
/// </summary>
internal static class ExposedPort
{
    private const int MaxRange = 65536;

    public static IEnumerable<string> Expand(string word, string change)
    {
        string[] parts = word.Split('/');
        string protocol = parts.Length == 2 ? parts[1].ToLowerInvariant() : "tcp";
        if (parts.Length > 2 || protocol is not ("tcp" or "udp" or "sctp")) throw Bad(word, change);
        string[] range = parts[0].Split('-');
        int first = PortOf(range[0], word, change);
        int last = range.Length == 2 ? PortOf(range[1], word, change) : first;
        if (range.Length > 2 || last < first || last - first >= MaxRange) throw Bad(word, change);
        return Enumerable.Range(first, last - first + 1).Select(port => $"{port}/{protocol}");
    }

    private static int PortOf(string text, string word, string change) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, null, out int port) && port is > 0 and <= 65535 ? port : throw Bad(word, change);

    private static Errors.ContainerPSException Bad(string word, string change) =>
        ConfigChanges.Invalid(change, $"'{word}' in the change '{change}' is not a port, port/protocol or port range (protocol tcp, udp or sctp).");
}
