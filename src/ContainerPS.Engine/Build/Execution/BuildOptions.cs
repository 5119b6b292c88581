using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>What Build-Image takes (docker build's and podman build's options of the same names).</summary>
public sealed record BuildOptions
{
    /// <summary>The build context: the directory COPY and ADD read from, absolute.</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>The Dockerfile, absolute; null picks <c>Dockerfile</c>, then <c>Containerfile</c>, in the context.</summary>
    public string? DockerfilePath { get; init; }

    /// <summary>Names the built image gets; none leaves it dangling, known by its id.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>--build-arg values: they set the ARGs the Dockerfile declares (Dockerfile reference, "ARG").</summary>
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build (--target); null builds the last.</summary>
    public string? Target { get; init; }

    /// <summary>Run every step; the results still replace what the cache holds for them.</summary>
    public bool NoCache { get; init; }

    public BuildPullPolicy PullPolicy { get; init; } = BuildPullPolicy.Missing;

    /// <summary>The network RUN steps get unless a step says otherwise: <c>bridge</c>, <c>none</c> or <c>host</c>.</summary>
    public string Network { get; init; } = Networking.NetworkNames.Bridge;

    /// <summary>Secret id → host file, for <c>RUN --mount=type=secret,id=...</c>.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels set on the built image after the Dockerfile's own (docker build --label).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Credentials and TLS for pulling base images.</summary>
    public RegistryOptions Registry { get; init; } = new();
}
