using System.Globalization;

namespace ContainerPS.Engine.Runtime;

/// <summary>What /etc/passwd and /etc/group share: colon-separated lines, comments, and ids that must fit a uid_t.</summary>
internal static class AccountFile
{
    /// <summary>
    /// 4294967295 is (uid_t)-1, which setresuid(2) reads as "leave unchanged": accepting it would run the process as
    /// root. Ids stop one below it (hardening.md, "config: User 4294967296:0").
    /// </summary>
    public const uint MaxId = uint.MaxValue - 1;

    public static IEnumerable<string[]> Lines(string text, int minimumFields) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length >= minimumFields && fields[0].Length > 0);

    public static bool TryId(string text, out uint id) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= MaxId;

    /// <summary>True when the text is all digits, whatever its size: such a user is meant as a number, valid or not.</summary>
    public static bool IsNumeric(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
