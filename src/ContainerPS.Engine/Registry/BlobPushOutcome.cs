namespace ContainerPS.Engine.Registry;

/// <summary>What pushing one blob took: nothing (the repository had it), a cross-repository mount, or an upload.</summary>
public enum BlobPushOutcome
{
    Existed,
    Mounted,
    Uploaded,
}
