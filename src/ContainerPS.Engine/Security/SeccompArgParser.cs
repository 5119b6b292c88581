using System.Globalization;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>
/// Argument checks after <c>where</c>, joined by <c>and</c>: <c>argN OP VALUE</c> (OP one of == != &lt; &lt;= &gt;
/// &gt;=) or <c>argN &amp;MASK == VALUE</c> (SCMP_CMP_MASKED_EQ). Values are decimal or 0x hexadecimal.
/// </summary>
internal static class SeccompArgParser
{
    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["=="] = "SCMP_CMP_EQ", ["!="] = "SCMP_CMP_NE", ["<"] = "SCMP_CMP_LT", ["<="] = "SCMP_CMP_LE",
        [">"] = "SCMP_CMP_GT", [">="] = "SCMP_CMP_GE",
    };

    public static List<SeccompArgSpec> Parse(string text, SeccompLineContext context) =>
        text.Split(" and ").Select(check => ParseOne(check.Trim(), context)).ToList();

    private static SeccompArgSpec ParseOne(string check, SeccompLineContext context)
    {
        var words = check.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 3 or > 4) throw context.Error($"expected 'argN <op> <value>' or 'argN &<mask> == <value>', not '{check}'");
        var index = ParseIndex(words[0], context);
        if (words.Length == 4)
        {
            if (!words[1].StartsWith('&') || words[2] != "==") throw context.Error($"expected 'argN &<mask> == <value>', not '{check}'");
            return new SeccompArgSpec
            {
                Index = index, Op = "SCMP_CMP_MASKED_EQ", Value = ParseValue(words[1][1..], context), ValueTwo = ParseValue(words[3], context),
            };
        }
        return Operators.TryGetValue(words[1], out var op)
            ? new SeccompArgSpec { Index = index, Op = op, Value = ParseValue(words[2], context) }
            : throw context.Error($"unknown operator '{words[1]}' (valid: {string.Join(' ', Operators.Keys)}, &mask ==)");
    }

    /// <summary>Syscalls take at most six arguments (syscall(2)).</summary>
    private static uint ParseIndex(string word, SeccompLineContext context) =>
        word.StartsWith("arg", StringComparison.Ordinal) && uint.TryParse(word[3..], out var index) && index < 6
            ? index
            : throw context.Error($"'{word}' is not an argument (arg0 to arg5)");

    private static ulong ParseValue(string word, SeccompLineContext context)
    {
        var parsed = word.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(word[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return parsed ? value : throw context.Error($"'{word}' is not a number");
    }
}
