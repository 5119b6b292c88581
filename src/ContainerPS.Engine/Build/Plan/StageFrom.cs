namespace ContainerPS.Engine.Build.Plan;

/// <summary>A stage's FROM line after expansion with the global scope (Dockerfile reference, "Understand how ARG and FROM interact").</summary>
public sealed record StageFrom(string BaseImage, string? Platform);
