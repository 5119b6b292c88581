namespace ContainerPS.Engine.Networking;

/// <summary>
/// A network as the engine reports it: its definition and the containers attached to it (by name). The built-in
/// networks are there too: bridge (its <see cref="Created"/> null until its first container makes it), host and none
/// (no subnet, gateway or device).
/// </summary>
public sealed record NetworkInfo
{
    public required string Name { get; init; }
    public required string Driver { get; init; }
    public required string Subnet { get; init; }
    public required string Gateway { get; init; }
    public required string Interface { get; init; }
    public required DateTimeOffset? Created { get; init; }
    public required bool BuiltIn { get; init; }
    public required IReadOnlyList<string> Containers { get; init; }
}
