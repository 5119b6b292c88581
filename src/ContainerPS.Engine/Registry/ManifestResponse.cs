using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Registry;

/// <summary>A manifest or index exactly as served, its media type, and the sha256 digest of those bytes.</summary>
public sealed record ManifestResponse(byte[] Content, string MediaType, Digest Digest);
