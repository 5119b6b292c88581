namespace ContainerPS.Runtime.Contract;

/// <summary>
/// The names of a rotated json-file log (docs/runtime-contract.md, "Logs"): the monitor moves LOG to LOG.1 and each
/// LOG.N to LOG.N+1 when it rotates; the engine reads LOG.N ... LOG.1, then LOG.
/// </summary>
public static class RotatedLogs
{
    /// <summary>The <paramref name="generation"/>th older file: LOG.1 is the newest of them.</summary>
    public static string PathOf(string log, int generation) => $"{log}.{generation}";

    /// <summary>The log's files, oldest first: the rotated ones that exist, then the log itself.</summary>
    public static IReadOnlyList<string> OldestFirst(string log)
    {
        var rotated = new List<(int Generation, string Path)>();
        var directory = Path.GetDirectoryName(log)!;
        var prefix = Path.GetFileName(log) + ".";
        // Not EnumerateFiles(prefix + "*"): .NET's "name.*" also matches "name" itself.
        foreach (var file in Directory.Exists(directory) ? Directory.EnumerateFiles(directory) : [])
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name[prefix.Length..], out int generation) && generation > 0)
                rotated.Add((generation, file));
        }
        return [.. rotated.OrderByDescending(r => r.Generation).Select(r => r.Path), log];
    }
}
