using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Push;

/// <summary>
/// What one push sends, in the order the registry needs it (distribution-spec spec.md, "Pushing Manifests": what a manifest
/// names must be there first): every blob once, the platform manifests by digest when an index follows, and the document the
/// tag names.
/// </summary>
internal sealed record PushPlan(IReadOnlyList<Descriptor> Blobs, IReadOnlyList<PushDocument> PlatformManifests, PushDocument Tagged);
