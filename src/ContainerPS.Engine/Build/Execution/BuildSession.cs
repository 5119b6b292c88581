using System.Globalization;
using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Plan;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// What every stage of one build shares: the options, the context, the caller's reporter, the cache, the images
/// FROM and --from name, the stages' results as they complete, and the build's private directory in the store,
/// removed when the build ends.
/// </summary>
internal sealed class BuildSession(
    ContainerService containers, BuildOptions options, IBuildReporter reporter, DockerfileDocument document,
    BuildContext context, GlobalArgumentScope globals)
{
    private readonly Dictionary<int, Task<StageState>> _stages = [];

    public ContainerService Containers => containers;

    public BuildOptions Options => options;

    public IBuildReporter Reporter => reporter;

    public DockerfileDocument Document => document;

    public BuildContext Context => context;

    public GlobalArgumentScope Globals => globals;

    public char Escape => globals.Escape;

    public BuildCache Cache { get; } = new(containers.Images, options.NoCache);

    public BaseImages BaseImages { get; } = new(containers.Images, options);

    /// <summary>This build's scratch directories (roots for COPY, secrets, bind trees), on the store's file system.</summary>
    public string BuildDirectory { get; } = Path.Combine(containers.Images.Root, "build", "tmp", Guid.NewGuid().ToString("N"));

    /// <summary>Where <c>RUN --mount=type=cache</c> directories live, one per id, across builds.</summary>
    public string CacheMountRoot => Path.Combine(containers.Images.Root, "build", "cache-mounts");

    public void AddStage(int index, Task<StageState> result)
    {
        lock (_stages) _stages[index] = result;
    }

    public Task<StageState> StageResult(int index)
    {
        lock (_stages) return _stages[index];
    }

    /// <summary>
    /// The root a <c>--from</c> (COPY, RUN --mount) names: a stage by name or index, once it is built, else an image
    /// (Dockerfile reference, "COPY --from"), found or pulled as the pull policy says.
    /// </summary>
    public async Task<StageState> ResolveFromAsync(string value, CancellationToken ct)
    {
        var stage = document.FindStage(value)?.Index
            ?? (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : (int?)null);
        if (stage is { } i) return await StageResult(i).ConfigureAwait(false);
        var image = await BaseImages.ResolveAsync(value, platform: null, ct).ConfigureAwait(false);
        return new StageState(image, image.Config, $"image {image.Id}");
    }
}
