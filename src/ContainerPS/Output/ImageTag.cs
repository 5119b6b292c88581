namespace ContainerPS;

/// <summary>A tag in a remote repository, as Find-Image lists it (PSTypeName <c>ContainerPS.ImageTag</c>).</summary>
public sealed class ImageTag
{
    /// <summary>The repository as given, normalised (<c>localhost:5000/test/multilayer</c>).</summary>
    public string Repository { get; init; } = "";

    public string Tag { get; init; } = "";

    /// <summary><c>Repository:Tag</c>, ready to pipe into Request-Image.</summary>
    public string Reference { get; init; } = "";

    public override string ToString() => Reference;
}
