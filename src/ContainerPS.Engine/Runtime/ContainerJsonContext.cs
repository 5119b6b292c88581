using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Runtime;

/// <summary>Source-generated JSON for container.json and the json-file log lines.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(JsonFileLine))]
internal sealed partial class ContainerJsonContext : JsonSerializerContext;
