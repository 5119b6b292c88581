using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// A rule's argument conditions as libseccomp rules. Conditions on distinct argument indexes all hold at once (one
/// rule, ANDed); when an index repeats, libseccomp cannot AND two conditions on one argument, so each condition is
/// a rule of its own (ORed): runc's reading of config-linux.md, which docker's and podman's profiles are written for.
/// </summary>
internal static class SeccompConditions
{
    private static readonly Dictionary<string, int> Operators = new(StringComparer.Ordinal)
    {
        ["SCMP_CMP_NE"] = 1, ["SCMP_CMP_LT"] = 2, ["SCMP_CMP_LE"] = 3, ["SCMP_CMP_EQ"] = 4,
        ["SCMP_CMP_GE"] = 5, ["SCMP_CMP_GT"] = 6, ["SCMP_CMP_MASKED_EQ"] = 7,
    };

    /// <summary>The groups of conditions, each one libseccomp rule; one empty group when there are none.</summary>
    public static List<LibSeccomp.ArgCompare[]> Group(IReadOnlyList<SeccompArgSpec> args)
    {
        var compares = args.Select(Compare).ToArray();
        if (compares.Length == 0) return [[]];
        bool repeats = args.Select(a => a.Index).Distinct().Count() < args.Count;
        return repeats ? compares.Select(c => new[] { c }).ToList() : [compares];
    }

    private static LibSeccomp.ArgCompare Compare(SeccompArgSpec arg)
    {
        if (!Operators.TryGetValue(arg.Op, out int op)) throw new ShimException(ExitCodes.Failure, $"seccomp: unknown operator '{arg.Op}'");
        if (arg.Index > 5) throw new ShimException(ExitCodes.Failure, $"seccomp: argument index {arg.Index} is out of range (0-5)");
        return new LibSeccomp.ArgCompare { Argument = arg.Index, Operator = op, DatumA = arg.Value, DatumB = arg.ValueTwo };
    }
}
