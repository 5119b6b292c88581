using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Runs a RUN step (Dockerfile reference, "RUN") in a container the engine's runtime makes from the stage's last
/// stored image, with the isolation, seccomp profile and limits every container gets, the stage's user, working
/// directory, environment and shell, the step's network and mounts. Its output goes to the reporter line by line as
/// it comes; its upper directory, once the process exits with 0, is the step's layer. The container is removed
/// whatever happens, Ctrl+C included.
/// </summary>
internal sealed class RunStepExecutor(BuildSession session)
{
    /// <summary>The label a step's container carries, so Get-Container shows what it is.</summary>
    public const string StepLabel = "io.containerps.build.step";

    public async Task<WrittenLayer> RunAsync(StageState state, DockerfileInstruction instruction, IReadOnlyDictionary<string, string> arguments,
        Func<string, string?> variables, BuildStep step, CancellationToken ct)
    {
        if (state.Image is null)
            throw Fail.FailedPrecondition(BuildErrors.StepFailedId, $"{instruction.Location}: {step.Text}: a stage FROM scratch has no shell or program to run; COPY one in first.", step.Text);
        using var mounts = await RunMountSetup.PrepareAsync(instruction, session, variables, ct).ConfigureAwait(false);
        var config = state.Config.Config ?? new ContainerConfig();
        var create = new CreateOptions
        {
            Image = state.Image.Id.ToString(),
            Entrypoint = [],
            Command = RunCommand.Of(instruction, config),
            Environment = Environment(config, arguments),
            User = string.IsNullOrEmpty(config.User) ? null : config.User,
            WorkingDirectory = string.IsNullOrEmpty(config.WorkingDir) ? null : config.WorkingDir,
            Network = Network(instruction),
            Volumes = mounts.Volumes,
            Tmpfs = mounts.Tmpfs,
            Labels = new Dictionary<string, string> { [StepLabel] = step.Text },
        };

        var container = session.Containers.Run(create, ct);
        try
        {
            foreach (var line in session.Containers.Logs(container.Id, new LogQuery { Follow = true }, ct)) session.Reporter.Output(step, line.Message);
            var exited = session.Containers.Wait(container.Id, Timeout.InfiniteTimeSpan, ct);
            if (exited.ExitCode != 0) throw BuildErrors.StepFailed(step, instruction.Location, exited.ExitCode ?? -1);
            var upper = session.Containers.UpperOf(container.Id);
            MountPoints.Remove(upper, mounts.Targets, state.LowerDirectories);
            var layout = session.Containers.Images.Layout;
            return new LayerWriter(layout, new BlobStore(layout)).Write(upper, LayerCompression.Gzip, ct);
        }
        finally
        {
            session.Containers.Remove(container.Id, force: true, CancellationToken.None);
        }
    }

    /// <summary>The stage's ENV, and the build arguments ENV does not set (Dockerfile reference, "Using ARG variables": ENV wins).</summary>
    private static Dictionary<string, string> Environment(ContainerConfig config, IReadOnlyDictionary<string, string> arguments)
    {
        var environment = new Dictionary<string, string>(arguments, StringComparer.Ordinal);
        foreach (var entry in config.Env ?? [])
        {
            var pair = entry.Split('=', 2);
            environment[pair[0]] = pair.Length == 2 ? pair[1] : "";
        }
        return environment;
    }

    /// <summary>Dockerfile reference, "RUN --network": default (the build's -Network), none or host.</summary>
    private string Network(DockerfileInstruction instruction) => instruction.Flag("network") switch
    {
        null or "default" => session.Options.Network,
        "none" => Networking.NetworkNames.None,
        "host" => Networking.NetworkNames.Host,
        var other => throw BuildErrors.InvalidFlag(instruction.Location, $"--network={other}", "use default, none or host"),
    };
}
