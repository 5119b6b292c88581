using System.Collections;
using System.Management.Automation;
using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Runtime;
using ContainerPS.Errors;
using ContainerPS.Jobs;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>
/// Builds an image from a Dockerfile (docker build, podman build) in this process, with the engine's own runtime for
/// RUN steps (docs/build.md). Steps show as progress, RUN output as information records; a failed build is a
/// terminating error and leaves no container, mount or temp directory, while the steps that succeeded stay cached.
/// The verb is the string "Build": an approved verb (Lifecycle) since PowerShell 6, which PowerShellStandard's
/// VerbsLifecycle does not have.
/// </summary>
[Cmdlet("Build", "Image", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
[OutputType(typeof(ContainerPSJob))]
public sealed class BuildImageCommand : ContainerCmdlet
{
    /// <summary>The build context: the directory COPY and ADD read from.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Context", "FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>The Dockerfile; by default Dockerfile, then Containerfile, in the context.</summary>
    [Parameter]
    [Alias("Dockerfile")]
    [ValidateNotNullOrEmpty]
    public string? File { get; set; }

    /// <summary>Names for the image (<c>app:1.0</c>); without one the image is dangling, known by its id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Tag { get; set; } = [];

    /// <summary>Values for the ARGs the Dockerfile declares (docker build --build-arg).</summary>
    [Parameter]
    [Alias("BuildArg")]
    public Hashtable? BuildArgument { get; set; }

    /// <summary>The stage to build; by default the last.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Target { get; set; }

    /// <summary>Run every step, whatever the cache holds.</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    [Parameter]
    public ContainerPullPolicy PullPolicy { get; set; } = ContainerPullPolicy.Missing;

    /// <summary>The network of RUN steps, unless a step's --network says otherwise.</summary>
    [Parameter]
    [ValidateSet("Bridge", "Host", "None")]
    public string Network { get; set; } = "Bridge";

    /// <summary>Secrets for <c>RUN --mount=type=secret,id=...</c>: id = path of the file that holds it.</summary>
    [Parameter]
    public Hashtable? Secret { get; set; }

    /// <summary>Labels the image gets after the Dockerfile's own.</summary>
    [Parameter]
    [LabelTransformation]
    public Hashtable? Label { get; set; }

    /// <summary>Credentials for pulling the base images.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter SkipTlsVerify { get; set; }

    /// <summary>Runs the build in a background job and writes the job.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var options = OrTerminate(Options);
        var what = options.Tags.Count == 0 ? options.ContextDirectory : string.Join(", ", options.Tags);
        if (!ShouldProcess(what, $"Build image from {options.DockerfilePath ?? options.ContextDirectory}")) return;
        var containers = Containers;
        var passThru = PassThru.IsPresent;
        if (AsJob)
        {
            WriteObject(ContainerPSJob.Start(this, $"Build-Image {Path}", (job, stopToken) => job.Attempt(() =>
            {
                var image = Build(containers, options, new BuildProgressView(job.WriteProgress, job.WriteInformation, job.WriteVerbose, job.WriteWarning), stopToken);
                if (passThru) job.WriteObject(ImageConverter.ToImage(image, image.Names.FirstOrDefault()));
            })));
            return;
        }

        var view = new BuildProgressView(WriteProgress, WriteInformation, WriteVerbose, WriteWarning);
        try
        {
            var built = Build(containers, options, view, StopToken);
            WriteVerbose($"Built image {built.Id}{(built.Names.Count == 0 ? "" : " as " + string.Join(", ", built.Names))}.");
            if (passThru) WriteObject(ImageConverter.ToImage(built, built.Names.FirstOrDefault()));
        }
        catch (ContainerPSException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private static ImageInfo Build(ContainerService containers, BuildOptions options, BuildProgressView view, CancellationToken stopToken)
    {
        try
        {
            return ProgressPump.Run<BuildEvent, ImageInfo>(
                queue => new ImageBuilder(containers).BuildAsync(options, new BuildEventReporter(queue), stopToken), view.Show);
        }
        finally
        {
            view.Complete();
        }
    }

    private BuildOptions Options()
    {
        var context = GetUnresolvedProviderPathFromPSPath(Path);
        return new BuildOptions
        {
            ContextDirectory = context,
            DockerfilePath = File is null ? null : GetUnresolvedProviderPathFromPSPath(File),
            Tags = [.. Tag.Select(ImageService.StoredNameOf)],
            BuildArguments = EnvironmentTable.ToDictionary(BuildArgument),
            Target = Target,
            NoCache = NoCache,
            PullPolicy = PullPolicy switch
            {
                ContainerPullPolicy.Always => BuildPullPolicy.Always,
                ContainerPullPolicy.Never => BuildPullPolicy.Never,
                _ => BuildPullPolicy.Missing,
            },
            Network = Network.ToLowerInvariant(),
            Secrets = EnvironmentTable.ToDictionary(Secret).ToDictionary(s => s.Key, s => GetUnresolvedProviderPathFromPSPath(s.Value)),
            Labels = EnvironmentTable.ToDictionary(Label),
            Registry = RegistryOptionsBuilder.ForEveryRegistry(Credential, SkipTlsVerify),
        };
    }
}
