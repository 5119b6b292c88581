using System.Text.Json.Serialization;
using ContainerPS.Runtime.Features;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Runtime;

/// <summary>Source-generated JSON for config.json, state.json and the features document (the supervisor is NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(SeccompSpec))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(RuntimeFeatures))]
[JsonSerializable(typeof(List<PublishedPort>))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
