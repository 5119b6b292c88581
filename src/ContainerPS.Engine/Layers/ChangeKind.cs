namespace ContainerPS.Engine.Layers;

/// <summary>How a path differs from the image (docker diff's A, C and D).</summary>
public enum ChangeKind
{
    Added,
    Changed,
    Deleted,
}
