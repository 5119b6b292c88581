using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// A runtime bundle in a temp directory: rootfs with /bin/busybox (Debian's busybox-static) and its applet links,
/// /etc/passwd and /etc/group; config.json written from <see cref="DefaultSpec"/> (what the engine writes: Docker's
/// defaults) changed by the test.
/// </summary>
internal sealed class BusyboxBundle : IDisposable
{
    private static readonly Lazy<string[]> Applets = new(() =>
    {
        var list = Process.Start(new ProcessStartInfo("/bin/busybox", "--list") { RedirectStandardOutput = true })!;
        string text = list.StandardOutput.ReadToEnd();
        list.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    });

    public BusyboxBundle()
    {
        Path = Directory.CreateTempSubdirectory("cps-bundle-").FullName;
        Rootfs = System.IO.Path.Combine(Path, "rootfs");
        string bin = System.IO.Path.Combine(Rootfs, "bin");
        Directory.CreateDirectory(bin);
        File.Copy("/bin/busybox", System.IO.Path.Combine(bin, "busybox"));
        foreach (string applet in Applets.Value.Where(a => a != "busybox")) File.CreateSymbolicLink(System.IO.Path.Combine(bin, applet), "busybox");
        Directory.CreateDirectory(System.IO.Path.Combine(Rootfs, "etc"));
        Directory.CreateDirectory(System.IO.Path.Combine(Rootfs, "tmp"));
        File.WriteAllText(System.IO.Path.Combine(Rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
        File.WriteAllText(System.IO.Path.Combine(Rootfs, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    }

    public string Path { get; }
    public string Rootfs { get; }

    public static readonly List<string> DockerCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>The contract's defaults for what the engine writes, running <paramref name="script"/> with sh -c.</summary>
    public static RuntimeSpec DefaultSpec(string script) => new()
    {
        Process = new ProcessSpec
        {
            Args = ["sh", "-c", script],
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"],
            Cwd = "/",
            Capabilities = new CapabilitiesSpec
            {
                Bounding = DockerCapabilities, Effective = DockerCapabilities, Permitted = DockerCapabilities, Inheritable = [], Ambient = [],
            },
            Rlimits = [new RlimitSpec { Type = "RLIMIT_NOFILE", Hard = 1048576, Soft = 1048576 }],
            NoNewPrivileges = true,
        },
        Root = new RootSpec { Path = "rootfs" },
        Hostname = "box",
        Mounts =
        [
            new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
            new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
            new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
            new() { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", "ro"] },
        ],
        Linux = new LinuxSpec
        {
            Namespaces = [new() { Type = "pid" }, new() { Type = "network" }, new() { Type = "ipc" }, new() { Type = "uts" }, new() { Type = "mount" }, new() { Type = "cgroup" }],
            MaskedPaths =
            [
                "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi", "/sys/devices/virtual/powercap",
            ],
            ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
        },
    };

    public void Write(RuntimeSpec spec) =>
        File.WriteAllText(System.IO.Path.Combine(Path, "config.json"), JsonSerializer.Serialize(spec, RuntimeJsonContext.Default.RuntimeSpec));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
