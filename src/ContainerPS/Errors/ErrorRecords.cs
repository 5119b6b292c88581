using System.Management.Automation;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Errors;

/// <summary>
/// The one place where the engine's error taxonomy becomes PowerShell's (DESIGN.md, "Errors, threads, progress").
/// The ErrorId is the engine's stable id, so <c>$err.FullyQualifiedErrorId -like 'ImageNotFound,*'</c> holds, and
/// the engine exception stays the record's exception so its inner exception is never lost.
/// </summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(ContainerPSException exception) =>
        new(exception, exception.ErrorId, CategoryOf(exception.Kind), exception.Target);

    public static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.Unauthenticated => ErrorCategory.AuthenticationError,
        ErrorKind.FailedPrecondition => ErrorCategory.InvalidOperation,
        ErrorKind.Conflict => ErrorCategory.ResourceBusy,
        ErrorKind.Unavailable => ErrorCategory.ConnectionError,
        ErrorKind.Timeout => ErrorCategory.OperationTimeout,
        ErrorKind.DataIntegrity => ErrorCategory.InvalidData,
        ErrorKind.NotSupported => ErrorCategory.NotImplemented,
        _ => ErrorCategory.NotSpecified,
    };
}
