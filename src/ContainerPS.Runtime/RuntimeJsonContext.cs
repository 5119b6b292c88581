using System.Text.Json.Serialization;
using ContainerPS.Runtime.Features;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Runtime;

/// <summary>
/// Source-generated JSON for config.json, state.json, the resources `update` keeps and the features document (the supervisor is NativeAOT: no
/// reflection). Compact, as docker and containerd write config.json: the supervisor parses it on every start, and
/// with docker's default seccomp profile in it the indented file was twice the size and cost ~0.35 ms more to read
/// (measured 2026-12-03). The command line prints its documents indented for people (IndentedJson).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(SeccompSpec))]
[JsonSerializable(typeof(HooksSpec))]
[JsonSerializable(typeof(ResourcesSpec))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(RuntimeFeatures))]
[JsonSerializable(typeof(List<PublishedPort>))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
