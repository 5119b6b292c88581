using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The scope of the ARGs before the first FROM (Dockerfile reference, "Understand how ARG and FROM interact"): they and
/// the automatic platform ARGs ("Automatic platform ARGs in the global scope") expand FROM lines only. A stage sees a
/// global ARG only after re-declaring it with a bare <c>ARG name</c>; <see cref="StageScope"/> starts such a stage.
/// </summary>
public sealed class GlobalArgumentScope
{
    private readonly DeclaredArguments declared;
    private readonly BuildArgumentInputs inputs;

    public GlobalArgumentScope(DockerfileDocument document, BuildArgumentInputs inputs)
    {
        this.inputs = inputs;
        Escape = document.Directives.Escape;
        declared = new DeclaredArguments(inputs, Escape);
        foreach (DockerfileInstruction arg in document.GlobalArgs) declared.Declare(arg, Lookup, Automatic);
    }

    public char Escape { get; }

    /// <summary>A global ARG's value, else an automatic platform ARG's, else null.</summary>
    public string? Lookup(string name) => declared.IsDeclared(name) ? declared.ValueOf(name) : Automatic(name);

    /// <summary>Expands <see cref="DockerfileStage.BaseImage"/> and <c>--platform</c> with this scope.</summary>
    public StageFrom ExpandFrom(DockerfileStage stage)
    {
        string baseImage = DockerfileWords.Expand(stage.BaseImage, Lookup, Escape, stage.From.Location);
        string? platform = stage.Platform is null ? null : DockerfileWords.Expand(stage.Platform, Lookup, Escape, stage.From.Location);
        return new StageFrom(baseImage, platform);
    }

    /// <summary>A fresh, empty scope for one stage; each stage starts without ARGs (Dockerfile reference, "Scope").</summary>
    public BuildArgumentScope StageScope() => new(this, inputs);

    private string? Automatic(string name) => inputs.Platform.TryGetValue(name, out string? value) ? value : null;
}
