namespace ContainerPS.Engine.Errors;

/// <summary>Short factory methods so that throw sites read as one line: <c>throw Fail.NotFound("ImageNotFound", ...)</c>.</summary>
public static class Fail
{
    public static ContainerPSException NotFound(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.NotFound, id, message, inner, target);

    public static ContainerPSException InvalidArgument(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.InvalidArgument, id, message, inner, target);

    public static ContainerPSException DataIntegrity(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.DataIntegrity, id, message, inner, target);

    public static ContainerPSException Unavailable(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.Unavailable, id, message, inner, target);

    public static ContainerPSException Unauthenticated(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.Unauthenticated, id, message, inner, target);

    public static ContainerPSException PermissionDenied(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.PermissionDenied, id, message, inner, target);

    public static ContainerPSException NotSupported(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.NotSupported, id, message, inner, target);

    public static ContainerPSException Conflict(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.Conflict, id, message, inner, target);

    public static ContainerPSException FailedPrecondition(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.FailedPrecondition, id, message, inner, target);

    public static ContainerPSException Timeout(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.Timeout, id, message, inner, target);

    public static ContainerPSException Internal(string id, string message, object? target = null, Exception? inner = null) =>
        new(ErrorKind.Internal, id, message, inner, target);
}
