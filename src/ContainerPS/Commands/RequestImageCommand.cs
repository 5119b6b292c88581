using System.Management.Automation;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>Pulls images from a registry into the local store (docker pull).</summary>
[Cmdlet(VerbsLifecycle.Request, "Image", SupportsShouldProcess = true)]
[Alias("Pull-Image")]
[OutputType(typeof(Image))]
public sealed class RequestImageCommand : ContainerPSCmdlet
{
    private PullOptions _options = new();

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
                if (ShouldProcess(name, "Pull image")) Pull(reference);
            });
        }
    }

    private void Pull(string reference)
    {
        var options = _options with { Registry = RegistryOptionsBuilder.For(reference, Credential, SkipTlsVerify) };
        var images = Images; // opened here: the pull itself runs on the thread pool
        var view = new PullProgressView(WriteProgress, reference);
        ImageInfo image;
        try
        {
            image = ProgressPump.Run<PullProgress, ImageInfo>(
                progress => images.PullAsync(reference, options, progress, StopToken), view.Show);
        }
        finally
        {
            view.Complete();
        }

        WriteVerbose($"Pulled {reference}: {image.Id} ({image.Platform}).");
        if (PassThru) WriteObject(ImageConverter.ToImage(image));
    }
}
