using System.Text.Json.Serialization;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>What a committed snapshot holds, written beside its <c>fs</c> directory as <c>info.json</c>.</summary>
public sealed record SnapshotInfo
{
    [JsonPropertyName("chainId")] public Digest ChainId { get; init; }
    [JsonPropertyName("diffId")] public Digest DiffId { get; init; }
    [JsonPropertyName("layer")] public Digest Layer { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("entries")] public long Entries { get; init; }
}

[JsonSerializable(typeof(SnapshotInfo))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
