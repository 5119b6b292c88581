using System.Management.Automation;
using ContainerPS.Engine.Errors;
using ContainerPS.Errors;

namespace ContainerPS.Jobs;

/// <summary>
/// The streams of a <see cref="ContainerPSJob"/> as its work writes them: the job's output, error, progress and verbose
/// collections, which Receive-Job replays on the receiver's pipeline. Safe to call from any thread (the collections
/// lock).
/// </summary>
public sealed class JobWriter
{
    private readonly Job _job;
    private readonly Type _commandType;
    private int _errors;

    internal JobWriter(Job job, Type commandType)
    {
        _job = job;
        _commandType = commandType;
    }

    /// <summary>True once the work has written an error record: the job then ends Failed.</summary>
    public bool WroteError => Volatile.Read(ref _errors) > 0;

    public void WriteObject(object value) => _job.Output.Add(PSObject.AsPSObject(value));

    public void WriteError(ErrorRecord record)
    {
        Interlocked.Increment(ref _errors);
        _job.Error.Add(record);
    }

    /// <summary>
    /// Keeps a copy: progress views update and rewrite one record per bar, which the host renders at once, but a job
    /// holds its records until Receive-Job, and every one must keep the state it had when it was written.
    /// </summary>
    public void WriteProgress(ProgressRecord record) => _job.Progress.Add(Copy(record));

    public void WriteVerbose(string message) => _job.Verbose.Add(new VerboseRecord(message));

    public void WriteWarning(string message) => _job.Warning.Add(new WarningRecord(message));

    public void WriteInformation(InformationRecord record) => _job.Information.Add(record);

    /// <summary>Runs the work for one item; an engine failure becomes an error record and the next item still runs.</summary>
    public void Attempt(Action work)
    {
        try
        {
            work();
        }
        catch (ContainerPSException exception)
        {
            WriteError(FromCommand(ErrorRecords.From(exception)));
        }
    }

    /// <summary>
    /// The record as the command would have written it on its pipeline, where PowerShell appends the command's type
    /// to the error id (<c>ImageNotFound,ContainerPS.Commands.RequestImageCommand</c>), so scripts match both alike.
    /// </summary>
    private ErrorRecord FromCommand(ErrorRecord record) =>
        new(record.Exception, $"{record.FullyQualifiedErrorId},{_commandType.FullName}", record.CategoryInfo.Category, record.TargetObject);

    private static ProgressRecord Copy(ProgressRecord record) =>
        new(record.ActivityId, record.Activity, record.StatusDescription)
        {
            ParentActivityId = record.ParentActivityId,
            PercentComplete = record.PercentComplete,
            SecondsRemaining = record.SecondsRemaining,
            CurrentOperation = record.CurrentOperation,
            RecordType = record.RecordType,
        };
}
