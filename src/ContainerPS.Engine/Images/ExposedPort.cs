using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Images;

/// <summary>
/// The keys of a config's ExposedPorts: <c>port/protocol</c> with tcp the default (image-spec config.md, ExposedPorts);
/// a Dockerfile EXPOSE range <c>8000-8002</c> names each port (Dockerfile reference, "EXPOSE"). Faults are
/// <c>DockerfileParseError</c> at the instruction; commit's -Change maps them to InvalidChange.
/// </summary>
internal static class ExposedPort
{
    private const int MaxRange = 65536;

    public static IEnumerable<string> Expand(string word, SourceLocation at)
    {
        string[] parts = word.Split('/');
        string protocol = parts.Length == 2 ? parts[1].ToLowerInvariant() : "tcp";
        if (parts.Length > 2 || protocol is not ("tcp" or "udp" or "sctp")) throw Bad(word, at);
        string[] range = parts[0].Split('-');
        int first = PortOf(range[0], word, at);
        int last = range.Length == 2 ? PortOf(range[1], word, at) : first;
        if (range.Length > 2 || last < first || last - first >= MaxRange) throw Bad(word, at);
        return Enumerable.Range(first, last - first + 1).Select(port => $"{port}/{protocol}");
    }

    private static int PortOf(string text, string word, SourceLocation at) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, null, out int port) && port is > 0 and <= 65535 ? port : throw Bad(word, at);

    private static Errors.ContainerPSException Bad(string word, SourceLocation at) =>
        DockerfileErrors.Parse(at, $"'{word}' is not a port, port/protocol or port range (protocol tcp, udp or sctp)");
}
