namespace ContainerPS.Shim.Cli;

/// <summary>
/// runc's global --systemd-cgroup makes the container's cgroup a systemd transient unit, cgroupsPath being
/// "slice:prefix:name" (runc(8); config-linux.md, "cgroupsPath"). This runtime manages cgroupfs only. Accepting the
/// flag and silently using cgroupfs would lie to the caller (systemd would not know the unit, and the path would be
/// read as a plain one), so the commands that make a cgroup refuse it with one clear line; the ones that only read
/// or remove an existing container (state, kill, delete, ps) do not care which driver made it and accept it.
/// </summary>
internal static class SystemdCgroup
{
    public static ShimException NotSupported() =>
        new(ExitCodes.Unsupported, "--systemd-cgroup: the systemd cgroup driver is not supported; use the cgroupfs driver (drop the option)");
}
