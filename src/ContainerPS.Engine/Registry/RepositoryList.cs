using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>One page of <c>GET /v2/_catalog</c> (distribution docs spec/api.md, "Listing Repositories").</summary>
internal sealed record RepositoryList
{
    [JsonPropertyName("repositories")] public List<string>? Repositories { get; init; }
}
