namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Finds the ignore file of a build: <c>&lt;Dockerfile name&gt;.dockerignore</c> next to the Dockerfile wins over
/// <c>.dockerignore</c> in the context root, as BuildKit does (Dockerfile reference, ".dockerignore file":
/// "Dockerfile-specific .dockerignore files ... take precedence over the .dockerignore file at the root of the build
/// context").
/// </summary>
public static class DockerignoreLocator
{
    public const string RootFileName = ".dockerignore";

    /// <summary>The ignore file that applies, or null when there is none.</summary>
    public static string? Find(string contextDirectory, string? dockerfilePath)
    {
        if (dockerfilePath is not null)
        {
            string specific = Path.GetFullPath(dockerfilePath, contextDirectory) + RootFileName;
            if (File.Exists(specific)) return specific;
        }
        string root = Path.Combine(contextDirectory, RootFileName);
        return File.Exists(root) ? root : null;
    }

    /// <summary>The matcher of the ignore file that applies; <see cref="IgnoreMatcher.Empty"/> without one.</summary>
    public static IgnoreMatcher Load(string contextDirectory, string? dockerfilePath)
    {
        string? path = Find(contextDirectory, dockerfilePath);
        return path is null ? IgnoreMatcher.Empty : DockerignoreFile.Load(path);
    }
}
