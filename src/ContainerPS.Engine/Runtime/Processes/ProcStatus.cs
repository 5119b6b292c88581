using System.Globalization;

namespace ContainerPS.Engine.Runtime.Processes;

/// <summary>What /proc/&lt;pid&gt;/status adds to stat: the real uid (Uid: line) and the pid in each pid namespace (NSpid:, innermost last).</summary>
internal sealed record ProcStatus(uint UserId, int NamespacePid)
{
    public static ProcStatus Parse(string text)
    {
        uint uid = 0;
        int nsPid = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal)) uid = uint.Parse(Fields(line)[0], CultureInfo.InvariantCulture);
            else if (line.StartsWith("NSpid:", StringComparison.Ordinal)) nsPid = int.Parse(Fields(line)[^1], CultureInfo.InvariantCulture);
        }

        return new ProcStatus(uid, nsPid);
    }

    private static string[] Fields(string line) =>
        line[(line.IndexOf(':') + 1)..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
}
