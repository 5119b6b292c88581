using System.Management.Automation;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Jobs;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>
/// Pushes images from the local store to a registry (docker push, podman push): to the name it is picked by, or to
/// -Destination. The manifest goes as the store holds it, so the registry keeps the digest the image was pulled by.
/// </summary>
[Cmdlet(VerbsData.Publish, "Image", SupportsShouldProcess = true)]
[Alias("Push-Image")]
[OutputType(typeof(ImagePushResult))]
[OutputType(typeof(ContainerPSJob))]
public sealed class PublishImageCommand : ContainerPSCmdlet
{
    private readonly List<(string Source, string Destination, PushOptions Options)> _jobPushes = [];
    private int _references;

    /// <summary>Names, familiar names or ids of local images; Get-Image rows bind by their Reference (or Id when nameless).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ImageReferenceTransformation]
    [ArgumentCompleter(typeof(Completion.ImageNameCompleter))]
    public string[] Reference { get; set; } = [];

    /// <summary>Where to push (<c>host/repo:tag</c>), as podman push's second argument; no local name is added.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Pushes the index the image was pulled from with every platform's manifest; each platform must be in the store.</summary>
    [Parameter]
    public SwitchParameter AllPlatforms { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter SkipTlsVerify { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Pushes every image of this command in one background job and writes the job instead.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var source in Reference)
        {
            Attempt(() =>
            {
                if (Destination is not null && ++_references > 1)
                    throw Fail.InvalidArgument("DestinationWithSeveralImages", $"-Destination names one place; '{source}' would be pushed over the image before it. Push one image per -Destination.", source);
                var destination = Images.PushDestination(source, Destination).ToString();
                if (!ShouldProcess(destination, $"Push image {source}")) return;
                var options = new PushOptions { AllPlatforms = AllPlatforms, Registry = RegistryOptionsBuilder.For(destination, Credential, SkipTlsVerify) };
                if (AsJob) _jobPushes.Add((source, destination, options));
                else Write(Push(Images, source, destination, options, WriteProgress, StopToken), WriteVerbose, PassThru ? WriteObject : null);
            });
        }
    }

    // One job for the whole command, as PowerShell's own -AsJob commands do, once every image has been confirmed.
    protected override void EndProcessing()
    {
        if (_jobPushes.Count == 0) return;
        var images = Images; // opened here: the store root is resolved against this session's location
        var pushes = _jobPushes.ToArray();
        var passThru = PassThru.IsPresent;
        var command = $"Publish-Image {string.Join(", ", pushes.Select(p => p.Source))}";
        WriteObject(ContainerPSJob.Start(this, command, (job, stopToken) =>
        {
            foreach (var (source, destination, options) in pushes)
                job.Attempt(() => Write(Push(images, source, destination, options, job.WriteProgress, stopToken), job.WriteVerbose, passThru ? job.WriteObject : null));
        }));
    }

    private static void Write(PushResult result, Action<string> verbose, Action<object>? output)
    {
        verbose($"Pushed {result.Reference}: {result.Digest} ({result.BlobsUploaded} uploaded, {result.BlobsMounted} mounted, {result.BlobsExisting} already there).");
        output?.Invoke(ToOutput(result));
    }

    private static ImagePushResult ToOutput(PushResult result) => new()
    {
        Reference = result.Reference,
        Digest = result.Digest.ToString(),
        ImageId = result.ImageId.ToString(),
        Uploaded = result.BlobsUploaded,
        Mounted = result.BlobsMounted,
        Existing = result.BlobsExisting,
        BytesUploaded = result.BytesUploaded,
        Manifests = result.Manifests,
    };

    /// <summary>Pushes on the thread pool and shows its progress on the calling thread (the pipeline's, or the job's).</summary>
    private static PushResult Push(ImageService images, string source, string destination, PushOptions options,
        Action<ProgressRecord> writeProgress, CancellationToken stopToken)
    {
        var view = new PushProgressView(writeProgress, destination);
        try
        {
            return ProgressPump.Run<PushProgress, PushResult>(progress => images.PushAsync(source, destination, options, progress, stopToken), view.Show);
        }
        finally
        {
            view.Complete();
        }
    }
}
