namespace ContainerPS.Engine.Registry;

/// <summary>
/// Whether a request may simply be sent again when its connection drops. Reads and whole uploads may; a chunk of an upload
/// may not, since the registry may have kept part of it (distribution-spec spec.md, "Pushing a blob in chunks").
/// </summary>
internal enum RetryOnDrop
{
    Yes,
    No,
}
