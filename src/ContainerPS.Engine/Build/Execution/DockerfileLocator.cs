namespace ContainerPS.Engine.Build.Execution;

/// <summary>The Dockerfile a build reads: the one named, else <c>Dockerfile</c>, then <c>Containerfile</c> in the context (podman build's order).</summary>
internal static class DockerfileLocator
{
    private static readonly string[] DefaultNames = ["Dockerfile", "Containerfile"];

    public static string Locate(BuildOptions options)
    {
        if (options.DockerfilePath is { } named)
            return File.Exists(named) ? named : throw BuildErrors.DockerfileNotFound(named);
        return DefaultNames.Select(name => Path.Combine(options.ContextDirectory, name)).FirstOrDefault(File.Exists)
            ?? throw BuildErrors.DockerfileNotFound(Path.Combine(options.ContextDirectory, DefaultNames[0]));
    }
}
