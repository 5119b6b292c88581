namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// One <c>RUN --mount</c> (Dockerfile reference, "RUN --mount"): <see cref="Type"/> bind, cache, tmpfs or secret, with
/// the options that type takes; null means the type's default.
/// </summary>
internal sealed record RunMount(string Text, string Type, string Target)
{
    public string? Source { get; init; }

    public string? From { get; init; }

    public string? Id { get; init; }

    public bool ReadOnly { get; init; }

    public string? Size { get; init; }

    public ushort? Mode { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    public bool Required { get; init; }
}
