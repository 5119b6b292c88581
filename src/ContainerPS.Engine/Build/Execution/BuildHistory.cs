using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// The image history entries a build writes, as BuildKit writes them (image-spec config.md, "history"): the
/// instruction in <c>created_by</c>, steps that add a layer marked <c># buildkit</c> and RUN showing the build
/// arguments it saw (<c>|2 A=1 B=2</c>, never the proxy arguments), <c>empty_layer</c> for config-only steps.
/// </summary>
internal static class BuildHistory
{
    public const string Comment = "buildkit.dockerfile.v0";

    public static HistoryEntry ConfigStep(DockerfileInstruction instruction, DateTimeOffset now) =>
        new() { Created = now, CreatedBy = InstructionText.Display(instruction), Comment = Comment, EmptyLayer = true };

    public static HistoryEntry LayerStep(string createdBy, DateTimeOffset now) =>
        new() { Created = now, CreatedBy = createdBy + " # buildkit", Comment = Comment };

    public static string Run(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> arguments)
    {
        var shown = arguments.Where(a => !Plan.PredefinedBuildArgs.IsProxy(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var prefix = shown.Count == 0 ? "" : $"|{shown.Count} {string.Join(' ', shown.Select(a => $"{a.Key}={a.Value}"))} ";
        return "RUN " + prefix + string.Join(' ', command);
    }
}
