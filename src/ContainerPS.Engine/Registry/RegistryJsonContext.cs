using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>Source-generated System.Text.Json metadata for the documents a registry and its token server send.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(RegistryErrorResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(RepositoryList))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
