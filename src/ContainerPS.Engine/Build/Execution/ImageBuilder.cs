using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Plan;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// docker build, in process (docs/build.md): reads the Dockerfile, plans the stages the target needs, builds each
/// once the stages it depends on are built (independent stages at once), and names the target's image. Every step
/// is numbered over the whole plan (<c>Step 3/9</c>). What a build made for itself (roots, secrets, trees for
/// binds) is removed when it ends, however it ends; the steps' results stay in the cache.
/// </summary>
public sealed class ImageBuilder(ContainerService containers)
{
    public async Task<ImageInfo> BuildAsync(BuildOptions options, IBuildReporter reporter, CancellationToken ct)
    {
        if (!Directory.Exists(options.ContextDirectory))
            throw Fail.NotFound("BuildContextNotFound", $"The build context '{options.ContextDirectory}' is not a directory.", options.ContextDirectory);
        var dockerfile = DockerfileLocator.Locate(options);
        var document = DockerfileParser.Parse(File.ReadAllText(dockerfile), Path.GetFileName(dockerfile));
        var context = BuildContext.Open(options.ContextDirectory, dockerfile);
        var host = BuildPlatform.Parse(Oci.Platform.Host.ToString());
        var inputs = new BuildArgumentInputs(options.BuildArguments, AutomaticPlatformArgs.For(host, host));
        var globals = new GlobalArgumentScope(document, inputs);
        var plan = StagePlanner.Plan(document, globals, options.Target);
        var session = new BuildSession(containers, options, reporter, document, context, globals);
        try
        {
            var target = await BuildStagesAsync(session, plan, ct).ConfigureAwait(false);
            if (inputs.UnconsumedWarning() is { } warning) reporter.Warning(warning);
            return Name(target.Image!, options.Tags);
        }
        finally
        {
            if (Directory.Exists(session.BuildDirectory)) Directory.Delete(session.BuildDirectory, recursive: true);
        }
    }

    /// <summary>Starts every stage as a task that first awaits the stages it depends on; a failure cancels the others.</summary>
    private static async Task<StageState> BuildStagesAsync(BuildSession session, BuildPlan plan, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var total = plan.Stages.Sum(s => 1 + s.Stage.Instructions.Count);
        var first = 1;
        var tasks = new List<Task<StageState>>();
        foreach (var stage in plan.Stages)
        {
            var builder = new StageBuilder(session, stage, first, total);
            var isTarget = stage.Index == plan.Target.Index;
            var dependencies = stage.DependsOn.Select(session.StageResult).ToList();
            var task = Task.Run(async () =>
            {
                await Task.WhenAll(dependencies).ConfigureAwait(false);
                return await builder.BuildAsync(isTarget, failed.Token).ConfigureAwait(false);
            }, failed.Token);
            session.AddStage(stage.Index, task);
            tasks.Add(task);
            first += 1 + stage.Stage.Instructions.Count;
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            failed.Cancel();
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            throw FirstFailure(tasks);
        }
        return tasks[^1].Result;
    }

    /// <summary>The failure that stopped the build, rather than the cancellations it caused in other stages.</summary>
    private static Exception FirstFailure(List<Task<StageState>> tasks)
    {
        var errors = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
        return errors.FirstOrDefault(e => e is not OperationCanceledException) ?? errors.FirstOrDefault() ?? new OperationCanceledException();
    }

    private ImageInfo Name(ImageInfo image, IReadOnlyList<string> tags)
    {
        if (tags.Count == 0) return containers.Images.AddNameless(image);
        foreach (var tag in tags) image = containers.Images.AddTag(image, tag);
        return image;
    }
}
