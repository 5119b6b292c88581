using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Archive;

/// <summary>Source-generated JSON metadata for the docker-archive documents (manifest.json, repositories).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<DockerArchiveManifestEntry>))]
[JsonSerializable(typeof(SortedDictionary<string, SortedDictionary<string, string>>))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext;
