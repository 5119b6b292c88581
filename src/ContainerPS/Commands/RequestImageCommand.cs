using System.Management.Automation;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;
using ContainerPS.Jobs;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>Pulls images from a registry into the local store (docker pull).</summary>
[Cmdlet(VerbsLifecycle.Request, "Image", SupportsShouldProcess = true)]
[Alias("Pull-Image")]
[OutputType(typeof(Image))]
[OutputType(typeof(ContainerPSJob))]
public sealed class RequestImageCommand : ContainerPSCmdlet
{
    private PullOptions _options = new();
    private readonly List<(string Reference, PullOptions Options)> _jobPulls = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.RemoteImageCompleter))]
    public string[] Reference { get; set; } = [];

    /// <summary>The platform to pull from a multi-platform image (<c>linux/arm64/v8</c>); this host's by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.PlatformCompleter))]
    public string? Platform { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter SkipTlsVerify { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Pulls every reference of this command in one background job and writes the job instead.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void BeginProcessing() =>
        _options = new PullOptions { Platform = Platform is null ? null : OrTerminate(() => Engine.Oci.Platform.Parse(Platform)) };

    protected override void ProcessRecord()
    {
        foreach (var reference in Reference)
        {
            Attempt(() =>
            {
                // Parsed here as well as in the engine so that a bad reference fails before the store is opened,
                // and -WhatIf shows the name that would be pulled.
                var name = ImageReference.Parse(reference).ToString();
                if (!ShouldProcess(name, "Pull image")) return;
                var options = _options with { Registry = RegistryOptionsBuilder.For(reference, Credential, SkipTlsVerify) };
                if (AsJob) _jobPulls.Add((reference, options));
                else PullHere(reference, options);
            });
        }
    }

    // One job for the whole command, as PowerShell's own -AsJob commands do, once every reference has been confirmed.
    protected override void EndProcessing()
    {
        if (_jobPulls.Count > 0) WriteObject(StartPullJob());
    }

    private void PullHere(string reference, PullOptions options)
    {
        var image = Pull(Images, reference, options, WriteProgress, StopToken);
        WriteVerbose(Pulled(reference, image));
        if (PassThru) WriteObject(ImageConverter.ToImage(image, ImageService.StoredNameOf(reference)));
    }

    private ContainerPSJob StartPullJob()
    {
        var images = Images; // opened here: the store root is resolved against this session's location
        var pulls = _jobPulls.ToArray();
        var passThru = PassThru.IsPresent;
        var command = $"Request-Image {string.Join(", ", pulls.Select(p => p.Reference))}";
        return ContainerPSJob.Start(this, command, (job, stopToken) =>
        {
            foreach (var (reference, options) in pulls)
            {
                job.Attempt(() =>
                {
                    var image = Pull(images, reference, options, job.WriteProgress, stopToken);
                    job.WriteVerbose(Pulled(reference, image));
                    if (passThru) job.WriteObject(ImageConverter.ToImage(image, ImageService.StoredNameOf(reference)));
                });
            }
        });
    }

    /// <summary>
    /// Pulls on the thread pool and shows its progress through <paramref name="writeProgress"/> on the calling thread:
    /// the pipeline thread without -AsJob, the job's own thread with it.
    /// </summary>
    private static ImageInfo Pull(ImageService images, string reference, PullOptions options,
        Action<ProgressRecord> writeProgress, CancellationToken stopToken)
    {
        var view = new PullProgressView(writeProgress, reference);
        try
        {
            return ProgressPump.Run<PullProgress, ImageInfo>(
                progress => images.PullAsync(reference, options, progress, stopToken), view.Show);
        }
        finally
        {
            view.Complete();
        }
    }

    private static string Pulled(string reference, ImageInfo image) => $"Pulled {reference}: {image.Id} ({image.Platform}).";
}
