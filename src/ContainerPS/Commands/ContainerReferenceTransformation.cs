using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>Lets a parameter that names a container take a ContainerPS.Container object too: the object becomes its id.</summary>
internal sealed class ContainerReferenceTransformation : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            Container container => container.Id,
            var other => other,
        };
}
