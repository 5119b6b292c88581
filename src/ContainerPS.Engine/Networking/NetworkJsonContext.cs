using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Networking;

/// <summary>Source-generated JSON for network definitions and container attachments.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NetworkDefinition))]
[JsonSerializable(typeof(NetworkAttachment))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
