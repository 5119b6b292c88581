namespace ContainerPS.Engine.Runtime;

/// <summary>The numeric identity a container's process gets, and the home directory for $HOME.</summary>
internal sealed record ResolvedUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);
