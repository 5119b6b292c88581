using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Pull;

/// <summary>One layer to fetch: its descriptor, position, the DiffID the config promises and the ChainID it is stored under.</summary>
public sealed record LayerJob(int Index, Descriptor Layer, Digest DiffId, Digest ChainId);
