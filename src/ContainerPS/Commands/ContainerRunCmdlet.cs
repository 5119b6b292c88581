using System.Collections;
using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Runtime;
using ContainerPS.Progress;

namespace ContainerPS.Commands;

/// <summary>
/// The run parameters that New-Container and Start-Container -Image share (DESIGN.md, "Run parameters"), and the
/// create step they share: make sure the image is in the store (per -PullPolicy), then create the container.
/// </summary>
public abstract class ContainerRunCmdlet : ContainerCmdlet
{
    protected const string RunSet = "Image";

    /// <summary>
    /// The image: a reference, a familiar name, or an id prefix of a local image; from the pipeline, a ContainerPS.Image
    /// (Get-Image) or an object with a Reference property (<see cref="ImageReferenceTransformation"/>).
    /// </summary>
    [Parameter(ParameterSetName = RunSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ImageReferenceTransformation]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemoteImageCompleter))]
    public string Image { get; set; } = "";

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Command { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNull]
    public string[]? Entrypoint { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNull]
    public Hashtable? Environment { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string[]? EnvironmentFile { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Volume { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Tmpfs { get; set; }

    /// <summary>docker run -p: <c>[[hostIp:][hostPort]:]containerPort[/tcp|/udp]</c>, proxied by the container's supervisor.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Publish { get; set; }

    /// <summary>docker run -P: every port the image exposes, each to a free host port.</summary>
    [Parameter(ParameterSetName = RunSet)]
    public SwitchParameter PublishAll { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>Bridge (the default network), None (loopback only), Host, or the name of a network (docker run --network).</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.NetworkNameCompleter))]
    public string Network { get; set; } = "Bridge";

    /// <summary>Bytes: a number (512MB) or docker's spelling (512m, 1g); at least 6 MiB, as docker.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ByteSizeTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long? Memory { get; set; }

    /// <summary>Memory plus swap in bytes, as -Memory; -1 for unlimited swap.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ByteSizeTransformation]
    [ValidateRange(-1, long.MaxValue)]
    public long? MemorySwap { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateRange(0.001, 1024.0)]
    public double? Cpus { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateRange(2, 262144)]
    public int? CpuShares { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateRange(1, long.MaxValue)]
    public long? PidsLimit { get; set; }

    /// <summary>The CPUs the container may run on (0-2,5), docker's --cpuset-cpus.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string? CpusetCpus { get; set; }

    /// <summary>Bytes of the container's /dev/shm (docker's --shm-size); 64 MiB when omitted.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ByteSizeTransformation]
    [ValidateRange(4096, long.MaxValue)]
    public long? ShmSize { get; set; }

    /// <summary>Namespaced kernel parameters, name = value (docker's --sysctl): kernel.shm*, kernel.msg*, fs.mqueue.*, net.*.</summary>
    [Parameter(ParameterSetName = RunSet)]
    public System.Collections.Hashtable? Sysctl { get; set; }

    /// <summary>Resource limits of the process, name=soft[:hard] (docker's --ulimit): nofile=1024:2048, core=0.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Ulimit { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CapabilityCompleter))]
    public string[]? CapAdd { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CapabilityCompleter))]
    public string[]? CapDrop { get; set; }

    /// <summary>
    /// docker's --security-opt: <c>seccomp=unconfined</c>, <c>seccomp=&lt;profile.json&gt;</c> (a path relative to the
    /// PowerShell location), <c>no-new-privileges[=true|false]</c>.
    /// </summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityOptionCompleter))]
    public string[]? SecurityOption { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNull]
    [LabelTransformation]
    public Hashtable? Label { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    public SwitchParameter Init { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    public SwitchParameter AutoRemove { get; set; }

    /// <summary>docker -i: the terminal's keys go to the container (with -Tty; Start-Container attaches this terminal).</summary>
    [Parameter]
    [Alias("i")]
    public SwitchParameter Interactive { get; set; }

    /// <summary>docker -t: the container's process gets a pseudoterminal as stdin, stdout and stderr.</summary>
    [Parameter]
    [Alias("t")]
    public SwitchParameter Tty { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    public ContainerPullPolicy PullPolicy { get; set; } = ContainerPullPolicy.Missing;

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlatformCompleter))]
    public string? Platform { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignalCompleter))]
    public string? StopSignal { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    [ValidateRange(0, int.MaxValue)]
    public int? StopTimeout { get; set; }

    [Parameter(ParameterSetName = RunSet)]
    public SwitchParameter Replace { get; set; }

    /// <summary>Bytes the log may reach before it is rotated (docker's --log-opt max-size); 20 MiB when omitted.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ByteSizeTransformation]
    [ValidateRange(4096, long.MaxValue)]
    public long? LogMaxSize { get; set; }

    /// <summary>How many log files to keep, the current one included (docker's --log-opt max-file); 5 when omitted.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateRange(1, 100)]
    public int? LogMaxFiles { get; set; }

    /// <summary>The name for the new container, from the derived cmdlet's -Name.</summary>
    protected abstract string? NewName { get; }

    /// <summary>
    /// Before any work: -Interactive needs -Tty (a stdin without a pty, docker's -i alone, is not supported), and attaching needs a
    /// terminal on this session's stdin.
    /// </summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        ValidateTerminalSwitches(AttachesTerminal);
    }

    /// <summary>True when this cmdlet will give the session's terminal to the container (Start-Container -Interactive).</summary>
    protected virtual bool AttachesTerminal => false;

    private void ValidateTerminalSwitches(bool attaching)
    {
        if (Interactive && !Tty)
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException("-Interactive needs -Tty: a container's stdin is a pseudoterminal or nothing."),
                "InteractiveRequiresTty", ErrorCategory.InvalidArgument, null));
        }
        if (attaching && Interactive && Console.IsInputRedirected)
        {
            ThrowTerminatingError(new ErrorRecord(new PSInvalidOperationException("-Interactive -Tty needs a terminal: this session's stdin is redirected."),
                "TerminalRequired", ErrorCategory.InvalidOperation, null));
        }
    }

    /// <summary>Pulls the image if -PullPolicy asks for it, then creates the container.</summary>
    protected ContainerInfo CreateContainer()
    {
        EnsureImage();
        return Containers.Create(Options(), StopToken);
    }

    /// <summary>Creates and starts (docker run without a terminal).</summary>
    protected ContainerInfo RunContainer()
    {
        EnsureImage();
        return Containers.Run(Options(), StopToken);
    }

    private void EnsureImage()
    {
        switch (PullPolicy)
        {
            case ContainerPullPolicy.Always:
                Pull();
                break;
            case ContainerPullPolicy.Missing when !IsInStore():
                Pull();
                break;
        }
    }

    private bool IsInStore()
    {
        try
        {
            Containers.Images.ResolveImage(Image);
            return true;
        }
        catch (ContainerPSException e) when (e.ErrorId == "ImageNotFound")
        {
            return false;
        }
    }

    private void Pull()
    {
        var images = Containers.Images;
        var options = new PullOptions
        {
            Platform = Platform is null ? null : Engine.Oci.Platform.Parse(Platform),
            Registry = RegistryOptionsBuilder.For(Image, credential: null, skipTlsVerify: false),
        };
        var view = new PullProgressView(WriteProgress, Image);
        try
        {
            var image = ProgressPump.Run<PullProgress, ImageInfo>(progress => images.PullAsync(Image, options, progress, StopToken), view.Show);
            WriteVerbose($"Pulled {Image}: {image.Id}.");
        }
        finally
        {
            view.Complete();
        }
    }

    private CreateOptions Options() => new()
    {
        Image = Image,
        Name = NewName,
        Command = Command,
        Entrypoint = Entrypoint,
        Environment = EnvironmentTable.ToDictionary(Environment),
        EnvironmentFiles = [.. (EnvironmentFile ?? []).Select(GetUnresolvedProviderPathFromPSPath)],
        WorkingDirectory = WorkingDirectory,
        User = User,
        Hostname = Hostname,
        Volumes = [.. (Volume ?? []).Select(ResolveVolumeSource)],
        Tmpfs = Tmpfs ?? [],
        ReadOnly = ReadOnly,
        Network = Network,
        Publish = Publish ?? [],
        PublishAll = PublishAll,
        Limits = new Engine.Runtime.ContainerLimits
        {
            Memory = Memory, MemorySwap = MemorySwap, Cpus = Cpus, CpuShares = CpuShares, PidsLimit = PidsLimit, CpusetCpus = CpusetCpus,
        },
        Sysctls = EnvironmentTable.ToDictionary(Sysctl),
        Ulimits = Ulimit ?? [],
        ShmSize = ShmSize,
        CapAdd = CapAdd ?? [],
        CapDrop = CapDrop ?? [],
        SecurityOptions = [.. (SecurityOption ?? []).Select(ResolveSecurityOption)],
        Labels = EnvironmentTable.ToDictionary(Label),
        Init = Init,
        AutoRemove = AutoRemove,
        Interactive = Interactive,
        Tty = Tty,
        StopSignal = StopSignal,
        StopTimeout = StopTimeout,
        Replace = Replace,
        LogMaxSize = LogMaxSize,
        LogMaxFiles = LogMaxFiles,
    };

    /// <summary>A relative host path in -Volume is relative to the PowerShell location, as every path a cmdlet takes.</summary>
    private string ResolveVolumeSource(string volume)
    {
        var separator = volume.IndexOf(':');
        if (separator <= 0 || volume.StartsWith('/')) return volume;
        return GetUnresolvedProviderPathFromPSPath(volume[..separator]) + volume[separator..];
    }

    /// <summary>A seccomp profile's path is relative to the PowerShell location, as every path a cmdlet takes.</summary>
    private string ResolveSecurityOption(string option)
    {
        var separator = option.IndexOfAny(['=', ':']);
        if (separator <= 0 || option[..separator].Trim() != "seccomp") return option;
        var value = option[(separator + 1)..].Trim();
        if (value.Length == 0 || value == Engine.Security.SecurityOptions.Unconfined) return option;
        return "seccomp=" + GetUnresolvedProviderPathFromPSPath(value);
    }
}
