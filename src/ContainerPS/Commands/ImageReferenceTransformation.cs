using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>
/// Lets -Image take an image from the pipeline: a ContainerPS.Image (Get-Image) becomes its reference, or its id when
/// it is dangling; any other object with a Reference property (a deserialized image, a CSV row) becomes that
/// property's value. Strings pass unchanged. This is how -Image binds "by property name Reference" without
/// binding a container's Image property (Get-Container | Start-Container starts those containers instead).
/// </summary>
internal sealed class ImageReferenceTransformation : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            Image image => image.Reference ?? image.Id,
            string or null => inputData,
            _ when inputData is PSObject { Properties: var properties } && properties["Reference"] is { } reference =>
                reference.Value?.ToString() is { Length: > 0 } name ? name : properties["Id"]?.Value?.ToString() ?? inputData,
            _ => inputData,
        };
}
