namespace ContainerPS.Engine.Errors;

/// <summary>
/// The engine's one error taxonomy (after containerd's errdefs). The PowerShell layer maps each kind
/// to an ErrorCategory exactly once; callers branch on the kind, tests assert the stable error id.
/// </summary>
public enum ErrorKind
{
    NotFound,
    AlreadyExists,
    InvalidArgument,
    PermissionDenied,
    Unauthenticated,
    FailedPrecondition,
    Conflict,
    Unavailable,
    Timeout,
    DataIntegrity,
    NotSupported,
    Internal,
}
