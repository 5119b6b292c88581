using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Archive;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>
/// Saves images into one archive (docker save, podman save): every image named on the command line or piped in, each
/// blob once. The archive appears at -Path only when complete.
/// </summary>
[Cmdlet(VerbsData.Export, "Image", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(DirectoryInfo))]
public sealed class ExportImageCommand : ContainerPSCmdlet
{
    private readonly List<string> _references = [];

    /// <summary>Names, familiar names, ids or id prefixes; Get-Image rows bind by their name (or id when nameless).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ImageReferenceTransformation]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[] Reference { get; set; } = [];

    /// <summary>The archive file to write, or the directory for -Format OciLayout.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public ArchiveFormat Format { get; set; } = ArchiveFormat.DockerArchive;

    /// <summary>Replaces an existing file or layout directory at -Path.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the archive's FileInfo (DirectoryInfo for a layout).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => _references.AddRange(Reference);

    protected override void EndProcessing() => Attempt(() =>
    {
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(target, $"Export {string.Join(", ", _references)} as {Format}")) return;
        var images = Images;
        var references = _references.ToArray();
        ArchiveProgressView.Run<bool>(WriteProgress, $"Exporting to {target}", progress => Task.Run(() =>
        {
            images.ExportImages(references, target, Format, Force, progress, StopToken);
            return true;
        }));
        WriteVerbose($"Exported {references.Length} image reference(s) to {target} as {Format}.");
        if (PassThru) WriteObject(Format == ArchiveFormat.OciLayout ? new DirectoryInfo(target) : new FileInfo(target));
    });
}
