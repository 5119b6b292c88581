using System.Management.Automation;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>
/// Loads images from an archive or OCI layout directory (docker load, podman load), or makes an image of a root
/// filesystem tar (docker import). Writes the images it stored.
/// </summary>
[Cmdlet(VerbsData.Import, "Image", DefaultParameterSetName = FromArchive, SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class ImportImageCommand : ContainerPSCmdlet
{
    private const string FromArchive = "Archive";
    private const string FromRootFs = "RootFs";

    /// <summary>A docker-archive or OCI archive (gzip or zstd compressed or not), or an OCI layout directory.</summary>
    [Parameter(ParameterSetName = FromArchive, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>A root filesystem tar (plain, gzip or zstd) that becomes the image's single layer.</summary>
    [Parameter(ParameterSetName = FromRootFs, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string RootFsPath { get; set; } = "";

    /// <summary>With -Path: names replacing the archive's, one per image in archive order. With -RootFsPath: the image's name.</summary>
    [Parameter(ParameterSetName = FromArchive)]
    [Parameter(ParameterSetName = FromRootFs, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[]? Reference { get; set; }

    /// <summary>Dockerfile instructions applied to the new image's config (docker import --change): CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR.</summary>
    [Parameter(ParameterSetName = FromRootFs)]
    [ValidateNotNull]
    public string[] Change { get; set; } = [];

    /// <summary>The comment of the imported layer's history entry.</summary>
    [Parameter(ParameterSetName = FromRootFs)]
    public string? Message { get; set; }

    protected override void ProcessRecord() => Attempt(() =>
    {
        if (ParameterSetName == FromRootFs) ImportRootFs();
        else ImportArchive();
    });

    private void ImportArchive()
    {
        var source = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(source, "Import images")) return;
        var images = Images;
        var imported = ArchiveProgressView.Run(WriteProgress, $"Importing {source}",
            progress => images.ImportArchiveAsync(source, Reference, progress, StopToken));
        foreach (var (image, name) in imported) WriteObject(ImageConverter.ToImage(image, name));
    }

    private void ImportRootFs()
    {
        var source = GetUnresolvedProviderPathFromPSPath(RootFsPath);
        if (Reference is not { Length: 1 })
            throw Fail.InvalidArgument("ReferenceCountMismatch", "-RootFsPath makes one image: give exactly one -Reference.", Reference);
        if (!ShouldProcess(source, $"Import root filesystem as {Reference[0]}")) return;
        var images = Images;
        var reference = Reference[0];
        var changes = Change;
        var image = Wait(() => images.ImportRootFsAsync(source, reference, config => ConfigChanges.Apply(config, changes), Message, StopToken));
        WriteObject(ImageConverter.ToImage(image, ImageService.StoredNameOf(reference)));
    }
}
