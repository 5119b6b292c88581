using System.Text;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// Parses /proc/self/mountinfo (proc(5)): "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE
/// SUPEROPTIONS". The optional fields vary in number, so the fields after the lone "-" are found by the separator.
/// </summary>
internal static class MountInfo
{
    public const string SelfPath = "/proc/self/mountinfo";

    /// <summary>mountinfo grows with the number of mounts; 4 MiB is tens of thousands of them.</summary>
    private const int MaxBytes = 4 * 1024 * 1024;

    public static string ReadSelf() => CgroupFiles.Read(SelfPath, MaxBytes);

    public static List<MountInfoEntry> Parse(string text)
    {
        var entries = new List<MountInfoEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = ParseLine(line);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>One line, or null when it does not have the mountinfo shape (ignored rather than fatal).</summary>
    private static MountInfoEntry? ParseLine(string line)
    {
        var fields = line.Split(' ');
        int separator = Array.IndexOf(fields, "-", 6);
        if (fields.Length < 7 || separator < 0 || separator + 3 > fields.Length)
        {
            return null;
        }

        string superOptions = separator + 3 < fields.Length ? fields[separator + 3] : "";
        return new MountInfoEntry(Unescape(fields[3]), Unescape(fields[4]), fields[separator + 1], superOptions);
    }

    /// <summary>The kernel writes space, tab, newline and backslash in paths as 3-digit octal escapes ("\040").</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        byte[] raw = Encoding.UTF8.GetBytes(field);
        var bytes = new List<byte>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\' && IsOctal(raw, i + 1))
            {
                bytes.Add((byte)((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(raw[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(byte[] s, int start) =>
        start + 3 <= s.Length && s[start] is >= (byte)'0' and <= (byte)'3'
        && s[start + 1] is >= (byte)'0' and <= (byte)'7' && s[start + 2] is >= (byte)'0' and <= (byte)'7';
}
