using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Security;

/// <summary>A rule's condition clause: <c>if cap</c>, <c>unless cap</c>, <c>if arch</c>, <c>unless arch</c>,
/// <c>if kernel X.Y</c> (docker's includes/excludes caps, arches and minKernel).</summary>
internal static class SeccompConditionParser
{
    public static SeccompConditions Add(SeccompConditions conditions, string clause, SeccompLineContext context)
    {
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || (words[0] != "if" && words[0] != "unless"))
        {
            throw context.Error($"expected 'if' or 'unless' followed by cap, arch or kernel, not '{clause}'");
        }
        var values = words[2..];
        var include = words[0] == "if";
        return words[1] switch
        {
            "cap" => include
                ? conditions with { IfCaps = [.. conditions.IfCaps, .. values.Select(name => ValidCap(name, context))] }
                : conditions with { UnlessCaps = [.. conditions.UnlessCaps, .. values.Select(name => ValidCap(name, context))] },
            "arch" => include
                ? conditions with { IfArches = [.. conditions.IfArches, .. values.Select(name => SeccompProfileParser.ValidArch(name, context))] }
                : conditions with { UnlessArches = [.. conditions.UnlessArches, .. values.Select(name => SeccompProfileParser.ValidArch(name, context))] },
            "kernel" when include && values.Length == 1 => conditions with { MinKernel = ParseKernel(values[0], context) },
            "kernel" => throw context.Error("expected 'if kernel <major.minor>'"),
            _ => throw context.Error($"unknown condition '{words[1]}' (valid: cap, arch, kernel)"),
        };
    }

    /// <summary>A capability name as capabilities(7) spells it, with or without the CAP_ prefix.</summary>
    private static string ValidCap(string name, SeccompLineContext context)
    {
        var full = name.StartsWith("CAP_", StringComparison.Ordinal) ? name : "CAP_" + name;
        return Capabilities.All.Contains(full) ? full : throw context.Error($"unknown capability '{name}'");
    }

    private static Version ParseKernel(string text, SeccompLineContext context) =>
        Version.TryParse(text.Contains('.') ? text : text + ".0", out var version)
            ? version
            : throw context.Error($"'{text}' is not a kernel version (major.minor)");
}
