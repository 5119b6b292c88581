using ContainerPS.Engine.Security;
using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Features;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Gathers <see cref="ContainerHostInfo"/>: the kernel and cgroups from /proc and /sys, seccomp from the runtime's own
/// features document (runtime-spec features.md), so what it reports is what the supervisor will do.
/// </summary>
internal static class ContainerHostReader
{
    public static ContainerHostInfo Read(RuntimeFeatures features, string runtime, string root, string stateRoot, int images, IReadOnlyList<ContainerInfo> containers)
    {
        var cgroups = CgroupHost.Detect();
        var seccomp = features.Linux.Seccomp;
        return new ContainerHostInfo
        {
            Kernel = ReadFirstLine("/proc/sys/kernel/osrelease") ?? "unknown",
            OperatingSystem = PrettyName() ?? "Linux",
            Architecture = ContainerSeccomp.HostArchitecture,
            CgroupVersion = cgroups.Version.ToString(),
            CgroupControllers = cgroups.Controllers,
            Root = root,
            StateRoot = stateRoot,
            Images = images,
            Containers = containers.Count,
            ContainersRunning = containers.Count(c => c.Status == ContainerStatusKind.Running),
            ContainersPaused = containers.Count(c => c.Status == ContainerStatusKind.Paused),
            Runtime = runtime,
            OciVersion = features.OciVersionMax,
            SeccompEnabled = seccomp.Enabled,
            SeccompVersion = features.Annotations.GetValueOrDefault(RuntimeFeatures.LibseccompVersionAnnotation),
            SeccompFlags = seccomp.SupportedFlags,
            SecurityOptions = seccomp.Enabled
                ? [$"name=seccomp,profile={SecurityOptions.DefaultProfile}", "name=no-new-privileges"]
                : ["name=no-new-privileges"],
        };
    }

    private static string? ReadFirstLine(string path)
    {
        try { return File.ReadLines(path).FirstOrDefault()?.Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>os-release(5): PRETTY_NAME="Debian GNU/Linux 12 (bookworm)".</summary>
    private static string? PrettyName()
    {
        foreach (string path in (string[])["/etc/os-release", "/usr/lib/os-release"])
        {
            try
            {
                var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
                if (line is not null) return line["PRETTY_NAME=".Length..].Trim().Trim('"', '\'');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }
}
