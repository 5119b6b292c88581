namespace ContainerPS.Engine.Unpack;

/// <summary>What one <see cref="LayerApplier.Apply"/> did: tar entries read and file content bytes written.</summary>
public sealed record UnpackResult(long Entries, long BytesWritten);
