using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>How stages are shown in messages: the <c>AS</c> name, else <c>stage-N</c> as BuildKit names unnamed stages.</summary>
public static class StageNames
{
    public static string Display(DockerfileStage stage) => stage.Name ?? $"stage-{stage.Index}";
}
