using ContainerPS.Engine.Build.Config;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>
/// Applies Dockerfile instructions to an image's config, as <c>docker commit --change</c> and <c>docker import --change</c> do:
/// each change is parsed as Dockerfile text and applied by the builder's own <see cref="ConfigInstructionApplier"/>, so a
/// change means what the same line means in a Dockerfile; only the instructions that change the config and add no layer
/// are allowed (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR). Every fault is
/// <c>InvalidChange</c> naming the change; see docs/commit.md.
/// </summary>
public static class ConfigChanges
{
    private const string ErrorId = "InvalidChange";

    private const string SourceName = "change";

    private static readonly string[] AllowedKeywords = ["CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"];

    public static ImageConfig Apply(ImageConfig config, IEnumerable<string> changes)
    {
        var applier = new ConfigInstructionApplier(config with { Config = config.Config ?? new ContainerConfig() });
        foreach (string change in changes)
        {
            foreach (DockerfileInstruction instruction in Parse(change)) ApplyOne(applier, instruction, change);
        }
        return applier.Config;
    }

    private static IReadOnlyList<DockerfileInstruction> Parse(string change)
    {
        if (string.IsNullOrWhiteSpace(change)) throw Invalid(change, "A change must not be empty.");
        IReadOnlyList<DockerfileInstruction> instructions;
        try { instructions = DockerfileParser.ParseInstructions(change, SourceName, out _); }
        catch (ContainerPSException error) when (error.ErrorId == DockerfileErrors.ParseErrorId) { throw ParseFault(change, error); }
        if (instructions.Count == 0) throw Invalid(change, "A change must not be empty.");
        return instructions;
    }

    private static void ApplyOne(ConfigInstructionApplier applier, DockerfileInstruction instruction, string change)
    {
        if (!AllowedKeywords.Contains(instruction.Keyword)) throw NotAllowed(change, instruction.Keyword);
        try { applier.Apply(instruction); }
        catch (ContainerPSException error) when (error.ErrorId == DockerfileErrors.ParseErrorId) { throw Invalid(change, Reason(change, error)); }
    }

    /// <summary>An unknown keyword reads as "not allowed" too, as it is for docker commit.</summary>
    private static ContainerPSException ParseFault(string change, ContainerPSException error)
    {
        string keyword = change.Trim().Split((char[]?)null, 2)[0].ToUpperInvariant();
        return AllowedKeywords.Contains(keyword) ? Invalid(change, Reason(change, error)) : NotAllowed(change, keyword);
    }

    private static ContainerPSException NotAllowed(string change, string keyword) =>
        Invalid(change, $"'{keyword}' is not an instruction a change may use; use one of {string.Join(", ", AllowedKeywords)}.");

    /// <summary>The parser's message without its <c>change:1: </c> location, which means nothing for a change.</summary>
    private static string Reason(string change, ContainerPSException error)
    {
        string message = error.Message;
        int afterLocation = message.StartsWith(SourceName + ":", StringComparison.Ordinal) ? message.IndexOf(": ", StringComparison.Ordinal) : -1;
        string reason = afterLocation < 0 ? message : message[(afterLocation + 2)..];
        return $"The change '{change}' is not valid: {reason}.";
    }

    private static ContainerPSException Invalid(string change, string message) => Fail.InvalidArgument(ErrorId, message, change);
}
