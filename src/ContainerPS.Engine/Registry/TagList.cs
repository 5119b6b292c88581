using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>One page of <c>GET /v2/&lt;name&gt;/tags/list</c> (distribution-spec spec.md, "Listing Tags").</summary>
internal sealed record TagList
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
}
