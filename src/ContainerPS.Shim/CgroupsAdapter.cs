using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim;

/// <summary>
/// The supervisor's only door to cgroups (ContainerPS.Runtime.Cgroups, the contract's API), so a change there is
/// one file here. Failures become ShimExceptions with the cgroup's path in the message.
/// </summary>
internal sealed class CgroupsAdapter
{
    private readonly CgroupHost _host = CgroupHost.Detect();

    public bool IsV2 => _host.Version == CgroupVersion.V2;

    /// <summary>
    /// linux.cgroupsPath, or /containerps/&lt;id&gt; (the contract's default). A relative path is placed below each
    /// hierarchy's root: config-linux.md "Cgroups path" lets the runtime choose where a relative path goes, and the
    /// root keeps one path valid for every v1 hierarchy (runc starts from its own cgroup, which on v1 may differ
    /// per hierarchy; the supervisor is a daemonless child of whoever called create, so its cgroup is incidental).
    /// </summary>
    public static string PathFor(RuntimeSpec spec, string id)
    {
        string path = string.IsNullOrEmpty(spec.Linux.CgroupsPath) ? $"/containerps/{id}" : spec.Linux.CgroupsPath;
        if (!path.StartsWith('/')) path = "/" + path;
        // The path is joined under each hierarchy's mount: it must not climb out of it.
        if (path.Split('/').Any(part => part == "..")) throw new ShimException(ExitCodes.Failure, $"linux.cgroupsPath '{path}' contains '..'");
        return path;
    }

    public Cgroup Create(string path, ResourcesSpec? limits) => Guard(path, () => _host.Create(path, WithDeviceRules(limits)));

    /// <summary>
    /// Secure by default (hardening.md principle 5): a bundle without linux.resources.devices still gets Docker's
    /// allow-list, so CAP_MKNOD never opens a host disk or /dev/mem (v1: devices controller; v2: an eBPF device filter).
    /// A bundle with rules gets the runtime spec's default devices allowed after them, as runc does, since the
    /// runtime must supply those devices (config-linux.md, "Default Devices").
    /// </summary>
    internal static ResourcesSpec WithDeviceRules(ResourcesSpec? limits) =>
        limits?.Devices is { } rules
            ? limits with { Devices = [.. rules, .. DefaultDevices.AlwaysAllowed()] }
            : (limits ?? new ResourcesSpec()) with { Devices = DefaultDevices.Rules() };

    public Cgroup Open(string path) => Guard(path, () => _host.Open(path));

    public static void Join(Cgroup cgroup, int pid) => Guard("", () => { cgroup.AddProcess(pid); return 0; });

    /// <summary>Kills what is left in the cgroup and removes it; used after an exit and by delete.</summary>
    public void Destroy(string path)
    {
        Cgroup cgroup;
        try
        {
            cgroup = _host.Open(path);
        }
        catch (CgroupException e) when (e.ErrorId == CgroupErrorIds.NotFound)
        {
            return; // already gone: the supervisor removes it when the container exits, delete may come after
        }

        Guard(path, () => { cgroup.KillAll(); cgroup.Remove(); return 0; });
    }

    private static T Guard<T>(string path, Func<T> action)
    {
        try { return action(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CgroupException)
        {
            throw new ShimException(ExitCodes.Failure, $"cgroup {path}: {e.Message}", e);
        }
    }
}
