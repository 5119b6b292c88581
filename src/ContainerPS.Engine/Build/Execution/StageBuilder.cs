using ContainerPS.Engine.Build.Config;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Plan;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime.Commit;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Builds one stage, step by step (Dockerfile reference, one section per instruction): FROM starts it from an
/// image, an earlier stage or scratch, running the base's ONBUILD triggers; ARG declares build arguments;
/// config-only instructions change the config; RUN, COPY and ADD each add a layer, or take their result from the
/// cache when their key is there. The stage ends with its config stored as an image (docs/build.md, "Steps").
/// </summary>
internal sealed class StageBuilder(BuildSession session, PlannedStage planned, int firstStep, int totalSteps)
{
    private static readonly string[] RunFlags = ["mount", "network"];
    private readonly BuildArgumentScope _scope = session.Globals.StageScope();
    private ConfigInstructionApplier _applier = null!;
    private StageState _state = null!;

    public async Task<StageState> BuildAsync(bool isTarget, CancellationToken ct)
    {
        var fromStep = new BuildStep(planned.DisplayName, firstStep, totalSteps, InstructionText.Display(planned.Stage.From));
        session.Reporter.StepStarted(fromStep);
        _state = await StartAsync(ct).ConfigureAwait(false);
        var triggers = _state.Config.Config?.OnBuild ?? [];
        _state = _state with { Config = _state.Config with { Config = (_state.Config.Config ?? new ContainerConfig()) with { OnBuild = null } } };
        _applier = new ConfigInstructionApplier(_state.Config, session.Escape, _scope.Lookup);

        // Dockerfile reference, "ONBUILD": the base's triggers run right after FROM, and are not inherited further.
        foreach (var trigger in triggers.SelectMany(ParseTrigger))
            await StepAsync(fromStep with { Text = "ONBUILD " + InstructionText.Display(trigger) }, trigger, ct).ConfigureAwait(false);
        for (int i = 0; i < planned.Stage.Instructions.Count; i++)
        {
            var instruction = planned.Stage.Instructions[i];
            await StepAsync(new BuildStep(planned.DisplayName, firstStep + 1 + i, totalSteps, InstructionText.Display(instruction)), instruction, ct).ConfigureAwait(false);
        }
        return await FinishAsync(isTarget, ct).ConfigureAwait(false);
    }

    private async Task<StageState> StartAsync(CancellationToken ct)
    {
        if (planned.BaseStage is { } stage)
        {
            var built = await session.StageResult(stage).ConfigureAwait(false);
            return built with { ConfigAhead = false };
        }
        if (string.Equals(planned.From.BaseImage, "scratch", StringComparison.OrdinalIgnoreCase))
            return new StageState(null, Scratch(planned.From.Platform), CacheKey.Next("", "FROM scratch", planned.From.Platform ?? ""));
        var image = await session.BaseImages.ResolveAsync(planned.From.BaseImage, planned.From.Platform, ct).ConfigureAwait(false);
        return new StageState(image, image.Config, CacheKey.Next("", "FROM", image.Id.ToString()));
    }

    private async Task StepAsync(BuildStep step, DockerfileInstruction instruction, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        session.Reporter.StepStarted(step);
        switch (instruction.Keyword)
        {
            case "ARG":
                _scope.Declare(instruction, Variable);
                _state = _state with { Key = CacheKey.Next(_state.Key, InstructionText.Full(instruction), CacheKey.Of(_scope.Environment())) };
                break;
            case "RUN":
                await RunAsync(step, instruction, ct).ConfigureAwait(false);
                break;
            case "COPY" or "ADD":
                await CopyAsync(step, instruction, ct).ConfigureAwait(false);
                break;
            case var keyword when ConfigInstructionApplier.Keywords.Contains(keyword):
                _applier.Apply(instruction);
                var config = _applier.Config with { History = [.. _applier.Config.History ?? [], BuildHistory.ConfigStep(instruction, DateTimeOffset.UtcNow)] };
                _applier.Continue(config);
                _state = _state with { Config = config, Key = CacheKey.Next(_state.Key, InstructionText.Full(instruction), CacheKey.Of(_scope.Environment())), ConfigAhead = true };
                break;
            default:
                throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} cannot be used in a stage");
        }
    }

    private async Task RunAsync(BuildStep step, DockerfileInstruction instruction, CancellationToken ct)
    {
        foreach (var flag in instruction.Flags.Where(f => !RunFlags.Contains(f.Name)))
            throw BuildErrors.InvalidFlag(instruction.Location, $"--{flag.Name}", flag.Name == "security" ? "--security is not supported: a build step gets the isolation every container gets" : "RUN has no such flag");
        var arguments = _scope.Environment();
        var command = RunCommand.Of(instruction, _state.Config.Config ?? new ContainerConfig());
        await LayerStepAsync(step, instruction, BuildHistory.Run(command, arguments), CacheKey.Of(arguments),
            () => new RunStepExecutor(session).RunAsync(_state, instruction, arguments, Variable, step, ct), ct).ConfigureAwait(false);
    }

    private async Task CopyAsync(BuildStep step, DockerfileInstruction instruction, CancellationToken ct)
    {
        var plan = await new CopyPlanner(session.Context, session.Escape, new UrlDownloader(Path.Combine(session.BuildDirectory, "downloads")))
            .PlanAsync(instruction, Variable, _state.Config.Config?.WorkingDir, session.ResolveFromAsync, ct).ConfigureAwait(false);
        var createdBy = $"{instruction.Keyword} {instruction.Arguments}";
        await LayerStepAsync(step, instruction, createdBy, plan.ContentKey, () => Task.FromResult(CopyStepExecutor.Write(session, _state, plan, ct)), ct).ConfigureAwait(false);
    }

    /// <summary>A step that adds a layer: its result from the cache when its key is there, else made by <paramref name="produce"/> and stored under the key.</summary>
    private async Task LayerStepAsync(BuildStep step, DockerfileInstruction instruction, string createdBy, string inputs, Func<Task<WrittenLayer>> produce, CancellationToken ct)
    {
        var key = CacheKey.Next(_state.Key, InstructionText.Full(instruction), inputs);
        if (session.Cache.Find(key) is { } cached)
        {
            session.Reporter.StepCached(step);
            Continue(new StageState(cached, cached.Config, key));
            return;
        }

        var layout = session.Containers.Images.Layout;
        using var held = GarbageCollector.HoldOff(layout, ct); // from the layer blob until the cache entry names it
        var layer = await produce().ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var config = _state.Config with
        {
            Created = now,
            RootFs = _state.Config.RootFs with { DiffIds = [.. _state.Config.RootFs.DiffIds, layer.DiffId] },
            History = [.. _state.Config.History ?? [], BuildHistory.LayerStep(createdBy, now)],
        };
        var layers = _state.Layers.Select(l => OciLayerDescriptor.Of(l.Descriptor)).Append(layer.Descriptor).ToList();
        var image = await session.Cache.StoreAsync(key, config, layers, ct).ConfigureAwait(false);
        Continue(new StageState(image, config, key));
    }

    /// <summary>The stage's config stored as an image when config-only steps (or the build's labels) changed it since the last layer.</summary>
    private async Task<StageState> FinishAsync(bool isTarget, CancellationToken ct)
    {
        var labels = isTarget ? session.Options.Labels : new Dictionary<string, string>();
        if (!_state.ConfigAhead && _state.Image is not null && labels.Count == 0) return _state;
        var key = CacheKey.Next(_state.Key, "end of stage", CacheKey.Of(labels));
        if (session.Cache.Find(key) is { } cached) return new StageState(cached, cached.Config, key);
        var run = _state.Config.Config ?? new ContainerConfig();
        var config = _state.Config with
        {
            Created = DateTimeOffset.UtcNow,
            Config = labels.Count == 0 ? run : run with { Labels = ConfigMaps.SetLabels(run.Labels, labels) },
        };
        var layers = _state.Layers.Select(l => OciLayerDescriptor.Of(l.Descriptor)).ToList();
        using var held = GarbageCollector.HoldOff(session.Containers.Images.Layout, ct);
        var image = await session.Cache.StoreAsync(key, config, layers, ct).ConfigureAwait(false);
        return new StageState(image, config, key);
    }

    private void Continue(StageState state)
    {
        _state = state;
        _applier.Continue(state.Config);
    }

    /// <summary>ENV first, then the stage's build arguments (Dockerfile reference, "Using ARG variables").</summary>
    private string? Variable(string name)
    {
        foreach (var entry in _state.Config.Config?.Env ?? [])
            if (entry.Length > name.Length && entry[name.Length] == '=' && entry.StartsWith(name, StringComparison.Ordinal)) return entry[(name.Length + 1)..];
        return _scope.Lookup(name);
    }

    private IReadOnlyList<DockerfileInstruction> ParseTrigger(string trigger) =>
        DockerfileParser.ParseInstructions(trigger, $"{planned.Stage.From.Location.File} (ONBUILD of {planned.From.BaseImage})", out _);

    /// <summary>A stage FROM scratch: no layers, and the default PATH BuildKit gives it.</summary>
    private static ImageConfig Scratch(string? platform)
    {
        var target = platform is null ? Platform.Host : Platform.Parse(platform);
        return new ImageConfig
        {
            Os = target.Os,
            Architecture = target.Architecture,
            Variant = target.Variant,
            Config = new ContainerConfig { Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] },
            RootFs = new RootFs(),
        };
    }
}
