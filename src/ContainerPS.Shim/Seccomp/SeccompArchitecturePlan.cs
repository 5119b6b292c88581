namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// What the range program decides for one architecture: the action of each syscall number a rule names without
/// conditions (every other number takes the default action), and the numbers it leaves to
/// libseccomp (Deferred, for the names in DeferredNames: conditional, conflicting or multiplexed rules). Numbers start at First (x32's at its bit).
/// </summary>
internal sealed record SeccompArchitecturePlan(
    uint Token, uint First, SortedDictionary<uint, uint> Decided, SortedSet<uint> Deferred, HashSet<string> DeferredNames);
