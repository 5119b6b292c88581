using System.Text.Json;
using ContainerPS.Engine.Store;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>Reads back what <see cref="BundleBuilder"/> wrote, for the steps that need it at start.</summary>
internal static class BundleSpec
{
    public static RuntimeSpec Read(ContainerPaths paths) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(paths.ConfigFile), RuntimeJsonContext.Default.RuntimeSpec)!;

    public static void Write(ContainerPaths paths, RuntimeSpec spec) =>
        AtomicFile.WriteAllBytes(paths.ConfigFile, JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeJsonContext.Default.RuntimeSpec));

    /// <summary>The lower directories of the overlay annotation, top first.</summary>
    public static IReadOnlyList<string> LowerDirs(RuntimeSpec spec)
    {
        var options = spec.Annotations?.GetValueOrDefault(Annotations.RootfsOverlay) ?? "";
        var lower = options.Split(',').FirstOrDefault(o => o.StartsWith("lowerdir=", StringComparison.Ordinal));
        return lower is null ? [] : lower["lowerdir=".Length..].Split(':');
    }
}
