namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Turns one joined instruction line into a <see cref="DockerfileInstruction"/> (Dockerfile reference, "Format"): the
/// keyword (any case), its flags, its arguments in shell or exec form, the ONBUILD trigger, and the bodies of its
/// here-documents, which follow the instruction in the source.
/// </summary>
internal static class InstructionReader
{
    public static DockerfileInstruction Read(LogicalLine line, SourceLines source, string file)
    {
        var at = new SourceLocation(file, line.StartLine);
        DockerfileInstruction instruction = Parse(line.Text, at, line.EndLine);
        DockerfileInstruction holder = instruction.Keyword == "ONBUILD" ? instruction.Subcommand! : instruction;
        if (!InstructionRules.MayHoldHeredocs(holder)) return instruction;
        List<HeredocMarker> markers = HeredocMarkers.Find(line.Text, at);
        if (markers.Count == 0) return instruction;
        List<DockerfileHeredoc> heredocs = HeredocBodyReader.Read(source, markers, at);
        return WithHeredocs(instruction, heredocs, source.LastNumber);
    }

    private static DockerfileInstruction WithHeredocs(DockerfileInstruction instruction, List<DockerfileHeredoc> heredocs, int endLine) =>
        instruction.Subcommand is { } trigger
            ? instruction with { EndLine = endLine, Subcommand = trigger with { Heredocs = heredocs, EndLine = endLine } }
            : instruction with { Heredocs = heredocs, EndLine = endLine };

    private static DockerfileInstruction Parse(string text, SourceLocation at, int endLine)
    {
        (string keyword, string afterKeyword) = SplitKeyword(text);
        if (!InstructionRules.IsKnown(keyword)) throw DockerfileErrors.Parse(at, $"unknown instruction: {keyword}");
        (List<DockerfileFlag> flags, string arguments) = FlagExtractor.Extract(afterKeyword, at);
        InstructionRules.CheckFlags(keyword, flags, at);
        if (arguments.Length == 0) throw DockerfileErrors.Parse(at, $"{keyword} requires at least one argument");
        string[]? json = InstructionRules.TakesExecForm(keyword) ? JsonFormOf(arguments, keyword, at) : null;
        if (keyword == "SHELL" && json is null) throw DockerfileErrors.Parse(at, "SHELL requires the arguments to be in JSON form");
        var instruction = new DockerfileInstruction(keyword, flags, arguments, json, [], at, endLine);
        return keyword switch
        {
            "ONBUILD" => instruction with { Subcommand = TriggerOf(arguments, at, endLine) },
            "HEALTHCHECK" => instruction with { Subcommand = HealthcheckCommandOf(arguments, at, endLine) },
            _ => instruction,
        };
    }

    private static (string Keyword, string Remainder) SplitKeyword(string text)
    {
        string trimmed = text.Trim();
        int blank = trimmed.IndexOfAny([' ', '\t']);
        return blank < 0 ? (trimmed.ToUpperInvariant(), "") : (trimmed[..blank].ToUpperInvariant(), trimmed[(blank + 1)..]);
    }

    private static string[]? JsonFormOf(string arguments, string keyword, SourceLocation at)
    {
        (ExecFormKind kind, string[]? words) = ExecForm.Read(arguments);
        if (kind == ExecFormKind.NotStrings) throw DockerfileErrors.Parse(at, $"{keyword}: when using JSON array syntax, arrays must be comprised of strings only");
        return words;
    }

    /// <summary>Dockerfile reference, "HEALTHCHECK": <c>HEALTHCHECK [OPTIONS] CMD command</c> (shell or exec form) or <c>HEALTHCHECK NONE</c>.</summary>
    private static DockerfileInstruction? HealthcheckCommandOf(string arguments, SourceLocation at, int endLine)
    {
        (string kind, string rest) = SplitKeyword(arguments);
        if (kind == "NONE") return rest.Length == 0 ? null : throw DockerfileErrors.Parse(at, "HEALTHCHECK NONE takes no arguments");
        if (kind != "CMD") throw DockerfileErrors.Parse(at, $"unknown type '{kind}' in HEALTHCHECK (try CMD)");
        return Parse(arguments, at, endLine);
    }

    private static DockerfileInstruction TriggerOf(string arguments, SourceLocation at, int endLine)
    {
        DockerfileInstruction trigger = Parse(arguments, at, endLine);
        if (InstructionRules.IsForbiddenTrigger(trigger.Keyword)) throw DockerfileErrors.Parse(at, $"{trigger.Keyword} isn't allowed as an ONBUILD trigger");
        return trigger;
    }
}
