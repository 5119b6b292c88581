using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>
/// Reads a profile in ContainerPS's line format (DefaultSeccompProfile.txt describes it): <c>default</c>,
/// <c>arch</c> and rule statements. Every mistake is SeccompProfileInvalid naming the source and line.
/// </summary>
public static class SeccompProfileParser
{
    public const string InvalidId = "SeccompProfileInvalid";

    public static SeccompProfile Parse(string text, string source)
    {
        string? defaultAction = null;
        uint? defaultErrno = null;
        var archMap = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rules = new List<SeccompRule>();
        foreach (var statement in SeccompProfileStatement.Split(text))
        {
            var context = new SeccompLineContext(source, statement.Line);
            var words = statement.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words[0] == "default" && !statement.Text.Contains(':'))
            {
                if (defaultAction is not null) throw context.Error("a second 'default' statement");
                (defaultAction, defaultErrno) = SeccompActionParser.Parse(words[1..], context);
            }
            else if (words[0] == "arch" && !statement.Text.Contains(':'))
            {
                ParseArch(words, archMap, context);
            }
            else
            {
                rules.Add(SeccompRuleParser.Parse(statement.Text, context));
            }
        }
        if (defaultAction is null) throw Fail.InvalidArgument(InvalidId, $"{source}: the profile has no 'default' statement.", source);
        return new SeccompProfile { DefaultAction = defaultAction, DefaultErrnoRet = defaultErrno, ArchMap = archMap, Rules = rules };
    }

    /// <summary><c>arch HOST also SUB...</c>: the architectures a filter on HOST covers.</summary>
    private static void ParseArch(string[] words, Dictionary<string, IReadOnlyList<string>> archMap, SeccompLineContext context)
    {
        if (words.Length < 2 || (words.Length > 2 && words[2] != "also") || words.Length == 3)
        {
            throw context.Error("expected 'arch <architecture> [also <architecture>...]'");
        }
        var names = words.Where((_, index) => index != 0 && index != 2).Select(name => ValidArch(name, context)).ToList();
        if (!archMap.TryAdd(names[0], names.Skip(1).ToList())) throw context.Error($"architecture '{names[0]}' is mapped twice");
    }

    internal static string ValidArch(string name, SeccompLineContext context) =>
        SeccompArchitecture.ToScmp(name) is null
            ? throw context.Error($"unknown architecture '{name}' (valid: {string.Join(", ", SeccompNames.Architectures.Select(SeccompArchitecture.FromScmp))})")
            : SeccompArchitecture.Normalize(name);
}
