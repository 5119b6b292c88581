namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// What each instruction accepts, from the Dockerfile reference's sections on each instruction: its flags, whether its
/// arguments may take the exec (JSON) form (Dockerfile reference, "Shell and exec form", and "VOLUME", "COPY", "ADD" for
/// the JSON list form), and whether it may carry here-documents (Dockerfile reference, "Here-Documents").
/// </summary>
internal static class InstructionRules
{
    private static readonly Dictionary<string, FlagKind> NoFlags = [];

    private static readonly Dictionary<string, Dictionary<string, FlagKind>> FlagsByKeyword = new()
    {
        ["ADD"] = new()
        {
            ["chown"] = FlagKind.Value, ["chmod"] = FlagKind.Value, ["link"] = FlagKind.Boolean, ["keep-git-dir"] = FlagKind.Boolean,
            ["checksum"] = FlagKind.Value, ["exclude"] = FlagKind.Repeatable, ["unpack"] = FlagKind.Boolean,
        },
        ["ARG"] = NoFlags,
        ["CMD"] = NoFlags,
        ["COPY"] = new()
        {
            ["from"] = FlagKind.Value, ["chown"] = FlagKind.Value, ["chmod"] = FlagKind.Value, ["link"] = FlagKind.Boolean,
            ["parents"] = FlagKind.Boolean, ["exclude"] = FlagKind.Repeatable,
        },
        ["ENTRYPOINT"] = NoFlags,
        ["ENV"] = NoFlags,
        ["EXPOSE"] = NoFlags,
        ["FROM"] = new() { ["platform"] = FlagKind.Value },
        ["HEALTHCHECK"] = new()
        {
            ["interval"] = FlagKind.Value, ["timeout"] = FlagKind.Value, ["start-period"] = FlagKind.Value,
            ["start-interval"] = FlagKind.Value, ["retries"] = FlagKind.Value,
        },
        ["LABEL"] = NoFlags,
        ["MAINTAINER"] = NoFlags,
        ["ONBUILD"] = NoFlags,
        ["RUN"] = new() { ["mount"] = FlagKind.Repeatable, ["network"] = FlagKind.Value, ["security"] = FlagKind.Value },
        ["SHELL"] = NoFlags,
        ["STOPSIGNAL"] = NoFlags,
        ["USER"] = NoFlags,
        ["VOLUME"] = NoFlags,
        ["WORKDIR"] = NoFlags,
    };

    private static readonly HashSet<string> ExecFormKeywords = ["ADD", "CMD", "COPY", "ENTRYPOINT", "RUN", "SHELL", "VOLUME"];

    private static readonly HashSet<string> HeredocKeywords = ["ADD", "COPY", "RUN"];

    /// <summary>Dockerfile reference, "ONBUILD": chaining ONBUILD, and triggering FROM or MAINTAINER, are not allowed.</summary>
    private static readonly HashSet<string> ForbiddenTriggers = ["FROM", "MAINTAINER", "ONBUILD"];

    public static bool IsKnown(string keyword) => FlagsByKeyword.ContainsKey(keyword);

    public static bool TakesExecForm(string keyword) => ExecFormKeywords.Contains(keyword);

    public static bool MayHoldHeredocs(DockerfileInstruction instruction) =>
        HeredocKeywords.Contains(instruction.Keyword) && !instruction.IsJsonForm;

    public static bool IsForbiddenTrigger(string keyword) => ForbiddenTriggers.Contains(keyword);

    public static void CheckFlags(string keyword, IReadOnlyList<DockerfileFlag> flags, SourceLocation at)
    {
        for (int index = 0; index < flags.Count; index++)
        {
            DockerfileFlag flag = flags[index];
            if (!FlagsByKeyword[keyword].TryGetValue(flag.Name, out FlagKind kind)) throw DockerfileErrors.Parse(at, $"unknown flag: --{flag.Name} ({keyword} does not take it)");
            CheckValue(flag, kind, at);
            if (kind != FlagKind.Repeatable && flags.Take(index).Any(earlier => earlier.Name == flag.Name)) throw DockerfileErrors.Parse(at, $"duplicate flag specified: --{flag.Name}");
        }
    }

    private static void CheckValue(DockerfileFlag flag, FlagKind kind, SourceLocation at)
    {
        if (kind == FlagKind.Boolean && flag.Value is not (null or "true" or "false" or "True" or "False" or "TRUE" or "FALSE" or "1" or "0"))
            throw DockerfileErrors.Parse(at, $"expecting boolean value for flag --{flag.Name}, not: {flag.Value}");
        if (kind != FlagKind.Boolean && flag.Value is null) throw DockerfileErrors.Parse(at, $"missing a value on flag: --{flag.Name}");
    }
}
