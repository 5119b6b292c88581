namespace ContainerPS.Engine.Networking;

/// <summary>A network as the engine reports it: its definition and the containers attached to it (by name).</summary>
public sealed record NetworkInfo
{
    public required string Name { get; init; }
    public required string Driver { get; init; }
    public required string Subnet { get; init; }
    public required string Gateway { get; init; }
    public required string Interface { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required IReadOnlyList<string> Containers { get; init; }
}
