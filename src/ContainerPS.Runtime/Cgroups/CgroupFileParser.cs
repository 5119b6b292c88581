using System.Globalization;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// Parses the text formats of cgroup control files (kernel Documentation/admin-guide/cgroup-v2.rst, "Interface Files":
/// single values, flat "key value" files, nested "key k=v k=v" files), always with the invariant culture.
/// </summary>
internal static class CgroupFileParser
{
    /// <summary>A single unsigned number (e.g. memory.current, cpuacct.usage).</summary>
    public static ulong ParseNumber(string text, string path)
    {
        string trimmed = text.Trim();
        return ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new CgroupException(CgroupErrorIds.ParseFailed, $"'{path}' holds '{trimmed}', not a number.", path);
    }

    /// <summary>A single number where "max" means unlimited (v2 memory.max, pids.max): null for "max".</summary>
    public static ulong? ParseNumberOrMax(string text, string path) =>
        text.Trim() == "max" ? null : ParseNumber(text, path);

    /// <summary>The value of <paramref name="key"/> in a flat keyed file ("key value" per line), or null when absent.</summary>
    public static ulong? FlatKeyValue(string text, string key, string path)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[0] == key)
            {
                return ParseNumber(fields[1], path);
            }
        }

        return null;
    }

    /// <summary>The sum of <paramref name="key"/>=N over every line of a nested keyed file (v2 io.stat: one line per device).</summary>
    public static ulong SumNestedKey(string text, string key, string path)
    {
        ulong sum = 0;
        string prefix = key + "=";
        foreach (var line in text.Split('\n'))
        {
            foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (field.StartsWith(prefix, StringComparison.Ordinal))
                {
                    sum += ParseNumber(field[prefix.Length..], path);
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// The sum over devices of one operation in a v1 blkio file: lines "MAJ:MIN Read N", "MAJ:MIN Write N", ...
    /// and a final "Total N" that is skipped (it has two fields).
    /// </summary>
    public static ulong SumBlkioOperation(string text, string operation, string path)
    {
        ulong sum = 0;
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3 && fields[1] == operation)
            {
                sum += ParseNumber(fields[2], path);
            }
        }

        return sum;
    }

    /// <summary>The PIDs in a cgroup.procs file, one per line.</summary>
    public static List<int> ParsePids(string text, string path)
    {
        var pids = new List<int>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            pids.Add(int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
                ? pid
                : throw new CgroupException(CgroupErrorIds.ParseFailed, $"'{path}' holds '{line}', not a PID.", path));
        }

        return pids;
    }

    /// <summary>The space-separated words of a file such as cgroup.controllers or cgroup.subtree_control.</summary>
    public static HashSet<string> ParseWords(string text) =>
        new(text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
