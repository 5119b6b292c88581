using System.Management.Automation;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Runtime.Commit;
using ContainerPS.Jobs;

namespace ContainerPS.Commands;

/// <summary>
/// Makes an image from a container's changes (docker commit): its image's layers plus one new layer of what the
/// container wrote, with the container's settings and -Change instructions in the config. A running container is
/// paused (its cgroup frozen) while its files are read, unless -Pause:$false.
/// </summary>
[Cmdlet(VerbsCommon.New, "Image", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
[OutputType(typeof(ContainerPSJob))]
public sealed class NewImageCommand : SingleContainerCmdlet
{
    /// <summary>The new image's name (<c>myapp:1.0</c>); without it the image is dangling, known by its id.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Reference { get; set; }

    /// <summary>Dockerfile instructions for the config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] Change { get; set; } = [];

    /// <summary>The commit message, kept as the new history entry's comment.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Message { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Author { get; set; }

    /// <summary>Freezes a running container while its files are read; -Pause:$false reads them while it runs.</summary>
    [Parameter]
    public SwitchParameter Pause { get; set; } = true;

    [Parameter]
    public LayerCompression Compression { get; set; } = LayerCompression.Gzip;

    /// <summary>Commits in a background job and writes the job instead.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void ProcessRecord() => Attempt(() =>
    {
        // Checked here as in the engine so that a bad name fails before the layer is written, and -WhatIf shows it.
        var name = Reference is null ? null : ImageService.StoredNameOf(Reference);
        var container = Containers.Get(Container);
        if (!ShouldProcess(container.Name, name is null ? "Commit container to a new image" : $"Commit container to image '{name}'")) return;
        var options = new CommitOptions { Reference = Reference, Changes = Change, Message = Message, Author = Author, Pause = Pause, Compression = Compression };
        if (AsJob) WriteObject(StartCommitJob(Containers, container, options, name));
        else WriteObject(Commit(Containers, container, options, name, WriteProgress, StopToken));
    });

    private ContainerPSJob StartCommitJob(ContainerService containers, ContainerInfo container, CommitOptions options, string? name) =>
        ContainerPSJob.Start(this, $"New-Image -Container {container.Name}", (job, stopToken) =>
            job.Attempt(() => job.WriteObject(Commit(containers, container, options, name, job.WriteProgress, stopToken))));

    private static Image Commit(ContainerService containers, ContainerInfo container, CommitOptions options, string? name,
        Action<ProgressRecord> writeProgress, CancellationToken stopToken)
    {
        var progress = new ProgressRecord(0, "New-Image", $"Committing container {container.Name}");
        writeProgress(progress);
        try
        {
            var image = Task.Run(() => containers.CommitAsync(container.Id, options, stopToken)).GetAwaiter().GetResult();
            return ImageConverter.ToImage(image, name);
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            writeProgress(progress);
        }
    }
}
