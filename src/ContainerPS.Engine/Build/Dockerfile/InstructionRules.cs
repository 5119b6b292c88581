namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// What each instruction accepts, from the Dockerfile reference's sections on each instruction: its flags, whether its
/// arguments may take the exec (JSON) form (Dockerfile reference, "Shell and exec form", and "VOLUME", "COPY", "ADD" for
/// the JSON list form), and whether it may carry here-documents (Dockerfile reference, "Here-Documents").
/// </summary>
internal static class InstructionRules
{
    private static readonly Dictionary<string, string[]> FlagsByKeyword = new()
    {
        ["ADD"] = ["chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"],
        ["ARG"] = [],
        ["CMD"] = [],
        ["COPY"] = ["from", "chown", "chmod", "link", "parents", "exclude"],
        ["ENTRYPOINT"] = [],
        ["ENV"] = [],
        ["EXPOSE"] = [],
        ["FROM"] = ["platform"],
        ["HEALTHCHECK"] = ["interval", "timeout", "start-period", "start-interval", "retries"],
        ["LABEL"] = [],
        ["MAINTAINER"] = [],
        ["ONBUILD"] = [],
        ["RUN"] = ["mount", "network", "security"],
        ["SHELL"] = [],
        ["STOPSIGNAL"] = [],
        ["USER"] = [],
        ["VOLUME"] = [],
        ["WORKDIR"] = [],
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

    public static void CheckFlags(string keyword, IEnumerable<DockerfileFlag> flags, SourceLocation at)
    {
        foreach (DockerfileFlag flag in flags)
        {
            if (!FlagsByKeyword[keyword].Contains(flag.Name)) throw DockerfileErrors.Parse(at, $"unknown flag: --{flag.Name} ({keyword} does not take it)");
        }
    }
}
