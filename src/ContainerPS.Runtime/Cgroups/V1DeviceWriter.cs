namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// The v1 devices controller (cgroup-v1/devices.rst): each rule is one write to devices.allow or devices.deny, in the
/// spec's order. A leading deny of all ("a" to devices.deny) drops what the cgroup inherited from its parent (allow
/// all, at the root) so that only the allow rules after it remain.
/// </summary>
internal static class V1DeviceWriter
{
    public static void Apply(CgroupDirectories directories, IReadOnlyList<DeviceRule> rules)
    {
        if (rules.Count == 0)
        {
            return;
        }

        string directory = directories.V1Controller("devices") ?? throw new CgroupException(CgroupErrorIds.ControllerMissing,
            "A device allow-list was requested, but the cgroup v1 'devices' controller is not mounted.", "devices");
        foreach (var rule in rules)
        {
            CgroupFiles.Write(Path.Combine(directory, rule.FileName), rule.Line);
        }
    }
}
