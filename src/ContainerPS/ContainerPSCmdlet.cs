using System.Management.Automation;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Errors;

namespace ContainerPS;

/// <summary>
/// What every ContainerPS cmdlet shares: the store root (<c>-Root</c>), the engine facade, Ctrl+C cancellation and the
/// rule that one failed pipeline item is a non-terminating error (DESIGN.md, "Errors, threads, progress").
/// </summary>
public abstract class ContainerPSCmdlet : PSCmdlet, IDisposable
{
    /// <summary>The parameter sets that pick a container or image by name, by Id (property name) or by object.</summary>
    protected const string ByName = "Name";
    protected const string ById = "Id";
    protected const string ByObject = "InputObject";

    private readonly CancellationTokenSource _stopping = new();
    private ImageService? _images;

    /// <summary>The store root; defaults to $env:CONTAINERPS_ROOT, else /var/lib/containerps.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Root { get; set; }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>The engine facade over the store at <see cref="Root"/>, created on first use.</summary>
    protected ImageService Images => _images ??= OpenStore();

    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();

    /// <summary>Runs the work for one pipeline item; an engine failure becomes a non-terminating error.</summary>
    protected void Attempt(Action work)
    {
        try
        {
            work();
        }
        catch (ContainerPSException exception)
        {
            WriteError(ErrorRecords.From(exception));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Stops the whole command with an engine failure, for input the command cannot run without.</summary>
    protected T OrTerminate<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ContainerPSException exception)
        {
            ThrowTerminatingError(ErrorRecords.From(exception));
            throw; // not reached: ThrowTerminatingError always throws.
        }
    }

    /// <summary>Awaits engine work on the pipeline thread; the engine runs on the thread pool.</summary>
    protected static T Wait<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    private ImageService OpenStore()
    {
        // A relative -Root is relative to the PowerShell location, not to the process's working directory.
        var root = Root is null ? ImageService.DefaultRoot : GetUnresolvedProviderPathFromPSPath(Root);
        return OrTerminate(() => new ImageService(root));
    }
}
