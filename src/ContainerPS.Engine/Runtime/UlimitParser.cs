using System.Globalization;
using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// docker run --ulimit <c>name=soft[:hard]</c> (nofile, nproc, core, ...; -1 for unlimited) as process.rlimits
/// (config.md, "POSIX process"), over the contract's defaults. The supervisor cannot raise a hard limit above its own
/// without CAP_SYS_RESOURCE (setrlimit(2)); such a start fails with the supervisor's error.
/// </summary>
internal static class UlimitParser
{
    private static readonly HashSet<string> Names =
        ["as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];

    public static List<RlimitSpec> Apply(List<RlimitSpec> defaults, IReadOnlyList<string> ulimits)
    {
        var byType = defaults.ToDictionary(r => r.Type, StringComparer.Ordinal);
        foreach (var ulimit in ulimits)
        {
            var limit = Parse(ulimit);
            byType[limit.Type] = limit;
        }
        return [.. byType.Values];
    }

    public static RlimitSpec Parse(string ulimit)
    {
        var (name, values) = ulimit.Split('=', 2) is [var n, var v] ? (n.Trim().ToLowerInvariant(), v) : ("", "");
        if (!Names.Contains(name)) throw Invalid(ulimit, $"the name must be one of {string.Join(", ", Names)}");
        var parts = values.Split(':');
        if (parts.Length > 2 || !TryValue(parts[0], out var soft)) throw Invalid(ulimit, "the value is soft[:hard], numbers or -1 for unlimited");
        ulong hard = soft;
        if (parts.Length == 2 && !TryValue(parts[1], out hard)) throw Invalid(ulimit, "the value is soft[:hard], numbers or -1 for unlimited");
        if (soft > hard) throw Invalid(ulimit, "the soft limit must not be above the hard one");
        return new RlimitSpec { Type = "RLIMIT_" + name.ToUpperInvariant(), Soft = soft, Hard = hard };
    }

    private static bool TryValue(string text, out ulong value)
    {
        if (text.Trim() == "-1")
        {
            value = ulong.MaxValue; // RLIM_INFINITY
            return true;
        }
        return ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static ContainerPSException Invalid(string ulimit, string why) =>
        Fail.InvalidArgument("InvalidUlimit", $"-Ulimit '{ulimit}' is not valid: {why}.", ulimit);
}
