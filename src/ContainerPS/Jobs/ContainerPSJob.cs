using System.Management.Automation;

namespace ContainerPS.Jobs;

/// <summary>
/// The job that <c>-AsJob</c> of a long operation returns: a real PowerShell job that Get-Job lists, Wait-Job waits
/// for, Receive-Job reads (objects, errors, progress, verbose messages) and Stop-Job cancels. The work runs on a thread
/// of its own and writes only through its <see cref="JobWriter"/>, never to the pipeline of the command that started
/// it (DESIGN.md, "Errors, threads, progress"). States: Running, then Completed; Failed when the work wrote an error
/// or threw; Stopping and Stopped after Stop-Job, whose token the work passes on to the engine.
/// </summary>
public sealed class ContainerPSJob : Job
{
    /// <summary>The job's PSJobTypeName, for <c>Get-Job | Where-Object PSJobTypeName -eq ContainerPSJob</c>.</summary>
    public const string TypeName = nameof(ContainerPSJob);

    private readonly Action<JobWriter, CancellationToken> _work;
    private readonly Type _commandType;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stateLock = new();
    private Task _running = Task.CompletedTask;

    private ContainerPSJob(string command, Type commandType, Action<JobWriter, CancellationToken> work) : base(command)
    {
        _work = work;
        _commandType = commandType;
        PSJobTypeName = TypeName;
    }

    /// <summary>
    /// Starts <paramref name="work"/> as a job in the session's job repository (so Get-Job lists it) and returns the
    /// job for the cmdlet to write. Call it on the pipeline thread; everything the work needs from the cmdlet
    /// (paths, options, the store) must be resolved there first.
    /// </summary>
    public static ContainerPSJob Start(PSCmdlet cmdlet, string command, Action<JobWriter, CancellationToken> work)
    {
        var job = new ContainerPSJob(command, cmdlet.GetType(), work);
        cmdlet.JobRepository.Add(job);
        job.SetJobState(JobState.Running);
        job._running = Task.Factory.StartNew(job.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return job;
    }

    public override bool HasMoreData =>
        Output.Count > 0 || Error.Count > 0 || Progress.Count > 0 || Verbose.Count > 0 || Warning.Count > 0 ||
        Information.Count > 0 || Debug.Count > 0;

    public override string Location => "localhost";

    public override string StatusMessage => string.Empty;

    /// <summary>Cancels the work and returns when it has ended (Stop-Job expects the job finished on return).</summary>
    public override void StopJob()
    {
        lock (_stateLock)
        {
            if (IsFinished(JobStateInfo.State)) return;
            SetJobState(JobState.Stopping);
        }

        _stopping.Cancel();
        _running.Wait(); // Run catches everything, so this never throws.
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopJob();
            _stopping.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Run()
    {
        var writer = new JobWriter(this, _commandType);
        JobState outcome;
        try
        {
            _work(writer, _stopping.Token);
            outcome = writer.WroteError ? JobState.Failed : JobState.Completed;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            outcome = JobState.Stopped;
        }
        catch (Exception exception)
        {
            // A failure the work did not expect ends the job, as a terminating error ends a command.
            writer.WriteError(new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, null));
            outcome = JobState.Failed;
        }

        lock (_stateLock) SetJobState(outcome);
    }

    private static bool IsFinished(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Stopped;
}
