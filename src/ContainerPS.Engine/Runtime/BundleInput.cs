using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Runtime;

/// <summary>What a container's config.json is made of: the options, the image's config, and its layer directories.</summary>
/// <param name="LowerDirsTopFirst">The image's snapshot fs directories in overlay order, the top layer first.</param>
/// <param name="Seccomp">The container's resolved filter (Security/ContainerSeccomp), null for unconfined.</param>
/// <param name="NetworkNamespacePath">The network namespace a container on a bridge network joins (made at start).</param>
internal sealed record BundleInput(string Id, ContainerPaths Paths, CreateOptions Options, ContainerConfig? ImageConfig, IReadOnlyList<string> LowerDirsTopFirst,
    string? NetworkNamespacePath = null, ContainerPS.Runtime.Spec.SeccompSpec? Seccomp = null);
