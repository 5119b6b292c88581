namespace ContainerPS.Engine.Errors;

/// <summary>
/// Every failure the engine reports on purpose. <see cref="ErrorId"/> is a stable PascalCase id
/// (for example <c>ImageNotFound</c>, <c>BlobDigestMismatch</c>) that tests and scripts can rely on;
/// the message is for people and may change.
/// </summary>
public sealed class ContainerPSException : Exception
{
    public ContainerPSException(ErrorKind kind, string errorId, string message, Exception? inner = null, object? target = null)
        : base(message, inner)
    {
        Kind = kind;
        ErrorId = errorId;
        Target = target;
    }

    public ErrorKind Kind { get; }

    public string ErrorId { get; }

    /// <summary>What the error is about (a reference, a digest, a path), for the ErrorRecord's TargetObject.</summary>
    public object? Target { get; }
}
