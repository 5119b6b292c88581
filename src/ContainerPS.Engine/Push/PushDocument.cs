using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Push;

/// <summary>A manifest or index to put, as the store holds it: its exact bytes, so the registry keeps the digest it was pulled by.</summary>
internal sealed record PushDocument(Digest Digest, string MediaType, byte[] Bytes);
