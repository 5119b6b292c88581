using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Security;

/// <summary>
/// A rule statement: <c>ACTION[ where ARGS][, if|unless cap NAME...][, if|unless arch NAME...][, if kernel X.Y]: SYSCALLS</c>.
/// </summary>
internal static partial class SeccompRuleParser
{
    public static SeccompRule Parse(string text, SeccompLineContext context)
    {
        var colon = text.IndexOf(':');
        if (colon < 0) throw context.Error("expected '<action>[, conditions]: <syscall names>'");
        var names = text[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw context.Error("no syscall names after ':'");
        foreach (var name in names.Where(name => !SyscallName().IsMatch(name)))
        {
            throw context.Error($"'{name}' is not a syscall name");
        }
        var clauses = text[..colon].Split(',').Select(clause => clause.Trim()).ToArray();
        var (actionWords, argText) = SplitWhere(clauses[0]);
        var (action, errno) = SeccompActionParser.Parse(actionWords, context);
        var conditions = new SeccompConditions();
        foreach (var clause in clauses.Skip(1))
        {
            conditions = SeccompConditionParser.Add(conditions, clause, context);
        }
        return new SeccompRule
        {
            Names = names, Action = action, ErrnoRet = errno, When = conditions, Line = context.Line,
            Args = argText is null ? [] : SeccompArgParser.Parse(argText, context),
        };
    }

    private static (string[] ActionWords, string? ArgText) SplitWhere(string clause)
    {
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var where = Array.IndexOf(words, "where");
        return where < 0 ? (words, null) : (words[..where], string.Join(' ', words[(where + 1)..]));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SyscallName();
}
