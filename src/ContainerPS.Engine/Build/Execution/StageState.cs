using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Where a stage's build stands after its steps so far: <see cref="Image"/> is the last stored result, whose layers
/// are the stage's root file system (null while a <c>FROM scratch</c> stage has none); <see cref="Config"/> is the
/// config after every step, which config-only steps move ahead of the stored image; <see cref="Key"/> is the cache
/// key chain over every step (docs/build.md, "Cache").
/// </summary>
internal sealed record StageState(ImageInfo? Image, ImageConfig Config, string Key)
{
    /// <summary>True when config-only steps have changed <see cref="Config"/> since <see cref="Image"/> was stored.</summary>
    public bool ConfigAhead { get; init; }

    /// <summary>The stage's layers, bottom first.</summary>
    public IReadOnlyList<LayerInfo> Layers => Image?.Layers ?? [];

    /// <summary>The layers' unpacked directories in overlay order, top first.</summary>
    public IReadOnlyList<string> LowerDirectories => Layers.Reverse().Select(l => l.SnapshotPath!).ToList();
}
