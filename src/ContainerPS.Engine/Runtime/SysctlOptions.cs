using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// docker run --sysctl: only the kernel parameters that belong to the container's own namespaces, as docker allows
/// (docker run reference, "Configure namespaced kernel parameters"): the IPC ones (kernel.msg*, kernel.sem,
/// kernel.shm*, fs.mqueue.*), the UTS kernel.domainname, and net.* unless the container shares the host's network.
/// Anything else would change the host for every process on it.
/// </summary>
internal static class SysctlOptions
{
    private static readonly HashSet<string> Ipc = ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    public static Dictionary<string, string>? ToSpec(IReadOnlyDictionary<string, string> sysctls, string network)
    {
        if (sysctls.Count == 0) return null;
        foreach (var name in sysctls.Keys)
        {
            if (IsNamespaced(name, network)) continue;
            var why = name.StartsWith("net.", StringComparison.Ordinal)
                ? "a container on the host's network shares the host's net.* parameters"
                : "it is not in the container's own namespaces, so it would change the host";
            throw Fail.InvalidArgument("InvalidSysctl", $"-Sysctl {name} is refused: {why}.", name);
        }
        return new Dictionary<string, string>(sysctls, StringComparer.Ordinal);
    }

    private static bool IsNamespaced(string name, string network) =>
        Ipc.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal) || name == "kernel.domainname"
        || (name.StartsWith("net.", StringComparison.Ordinal) && network != Networking.NetworkNames.Host);
}
