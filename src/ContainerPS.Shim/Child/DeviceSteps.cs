using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The devices every container gets in its /dev tmpfs (runtime-spec config-linux.md, "Default Devices"), and the
/// conventional symlinks (runc: /dev/fd, stdin, stdout, stderr, ptmx; docker adds /dev/core).
/// </summary>
internal static class DeviceSteps
{
    private static readonly (string Name, uint Major, uint Minor)[] Devices =
    [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ];

    private static readonly (string Name, string Target)[] Links =
    [
        ("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"), ("ptmx", "pts/ptmx"), ("core", "/proc/kcore"),
    ];

    /// <param name="bindFromHost">In a user namespace mknod(2) is refused (EPERM: CAP_MKNOD counts only in the
    /// initial one), so each node is the host's own, bind-mounted onto an empty file, as runc does.</param>
    public static void Add(StepList steps, bool bindFromHost = false)
    {
        foreach (var (name, major, minor) in Devices)
        {
            if (bindFromHost) AddBind(steps, name);
            else steps.Add($"mknod-/dev/{name}", steps.Calls.Mknodat, AT_FDCWD, steps.Str($"/dev/{name}"), S_IFCHR | 0x1b6, DeviceNumber(major, minor));
        }
        foreach (var (name, target) in Links)
        {
            steps.Add($"symlink-/dev/{name}", steps.Calls.Symlinkat, steps.Str(target), AT_FDCWD, steps.Str($"/dev/{name}"));
        }
    }

    private static void AddBind(StepList steps, string name)
    {
        const int slot = 2;
        long target = steps.Str($"/dev/{name}");
        steps.Add($"create-/dev/{name}", steps.Calls.Openat, AT_FDCWD, target, O_CREAT | O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0x1b6).SaveResult(slot);
        steps.Add($"close-/dev/{name}", steps.Calls.Close, 0).LoadArgument(0, slot);
        steps.Add($"bind-/dev/{name}", steps.Calls.Mount, steps.Str($"{RootfsSteps.OldRoot}/dev/{name}"), target, 0, MS_BIND, 0);
    }

    /// <summary>The kernel's dev_t encoding (new_encode_dev), as glibc's makedev.</summary>
    internal static long DeviceNumber(uint major, uint minor) =>
        ((long)(major & 0xfffff000) << 32) | ((major & 0xfffL) << 8) | ((long)(minor & 0xffffff00) << 12) | (minor & 0xffL);
}
