namespace ContainerPS.Shim.Seccomp;

/// <summary>A filter ready for the child, and the cache entry it was read from or written to (null when not cached).</summary>
internal sealed record CompiledSeccomp(SeccompFilter Filter, string? CacheEntry);
