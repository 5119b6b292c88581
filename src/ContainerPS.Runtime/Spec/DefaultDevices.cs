namespace ContainerPS.Runtime.Spec;

/// <summary>
/// Docker's default device allow-list (moby oci/defaults.go with runc's default allowed devices): deny everything,
/// then let the container mknod any node (CAP_MKNOD stays in Docker's default set, and images expect it) but read
/// and write only the harmless character devices. A node made for a host disk or /dev/mem can be created and never
/// opened: that is what keeps CAP_MKNOD from being a host escape (hardening.md principle 5).
/// </summary>
public static class DefaultDevices
{
    /// <summary>A fresh copy each time: callers put it in a spec they may change.</summary>
    public static List<DeviceRuleSpec> Rules() => [Deny("a", null, null, "rwm"), .. AlwaysAllowed()];

    /// <summary>
    /// What every container may use whatever its spec's rules say, appended after them as runc appends its
    /// AllowedDevices: the nodes the runtime spec's "Default Devices" section requires (config-linux.md), so that
    /// a spec that denies everything (runc spec's own) still gets a working /dev/null, /dev/zero, /dev/tty, ...
    /// </summary>
    public static List<DeviceRuleSpec> AlwaysAllowed() =>
    [
        Allow("c", null, null, "m"),
        Allow("b", null, null, "m"),
        Allow("c", 1, 3, "rwm"),    // /dev/null
        Allow("c", 1, 5, "rwm"),    // /dev/zero
        Allow("c", 1, 7, "rwm"),    // /dev/full
        Allow("c", 1, 8, "rwm"),    // /dev/random
        Allow("c", 1, 9, "rwm"),    // /dev/urandom
        Allow("c", 5, 0, "rwm"),    // /dev/tty
        Allow("c", 5, 1, "rwm"),    // /dev/console
        Allow("c", 5, 2, "rwm"),    // /dev/ptmx
        Allow("c", 136, null, "rwm"), // /dev/pts/*
        Allow("c", 10, 200, "rwm"), // /dev/net/tun
    ];

    private static DeviceRuleSpec Allow(string type, long? major, long? minor, string access) =>
        new() { Allow = true, Type = type, Major = major, Minor = minor, Access = access };

    private static DeviceRuleSpec Deny(string type, long? major, long? minor, string access) =>
        new() { Allow = false, Type = type, Major = major, Minor = minor, Access = access };
}
