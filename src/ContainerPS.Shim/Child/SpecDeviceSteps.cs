using ContainerPS.Runtime.Spec;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// linux.devices (config-linux.md, "Devices"): each node is made at its path inside the container (parents made
/// as needed), with its type, numbers, fileMode (0666 when absent, as runc) and owner. In a user namespace mknod(2)
/// is refused, so the host's node at the same path is bind-mounted onto an empty file instead, as runc does.
/// An existing node at the path (the default devices) is replaced, as the spec's entry is the one asked for.
/// </summary>
internal static class SpecDeviceSteps
{
    public static void Add(StepList steps, ChildPlanInput input)
    {
        bool bindFromHost = SpecNamespaces.Has(input.Spec, "user");
        foreach (var device in input.Spec.Linux.Devices ?? [])
        {
            string path = ContainerPath.Normalize(device.Path);
            AddParents(steps, path);
            long text = steps.Str(path);
            steps.Add($"unlink-device-{path}", steps.Calls.Unlinkat, AT_FDCWD, text, 0).Tolerate(ENOENT);
            if (bindFromHost) AddBind(steps, path, text);
            else AddNode(steps, device, path, text);
        }
    }

    private static void AddNode(StepList steps, LinuxDeviceSpec device, string path, long text)
    {
        uint mode = (device.FileMode ?? 0x1b6) & 0xfff;
        steps.Add($"mknod-{path}", steps.Calls.Mknodat, AT_FDCWD, text, TypeBits(device) | mode,
            DeviceSteps.DeviceNumber((uint)device.Major, (uint)device.Minor));
        if (device.Uid is not null || device.Gid is not null)
        {
            // -1 leaves that id as it is (chown(2)).
            long uid = device.Uid is uint u ? u : -1, gid = device.Gid is uint g ? g : -1;
            steps.Add($"chown-{path}", steps.Calls.Fchownat, AT_FDCWD, text, uid, gid, AT_SYMLINK_NOFOLLOW);
        }
    }

    private static void AddBind(StepList steps, string path, long text)
    {
        const int slot = 2;
        steps.Add($"create-{path}", steps.Calls.Openat, AT_FDCWD, text, O_CREAT | O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0x1b6).SaveResult(slot);
        steps.Add($"close-{path}", steps.Calls.Close, 0).LoadArgument(0, slot);
        steps.Add($"bind-device-{path}", steps.Calls.Mount, steps.Str(RootfsSteps.OldRoot + path), text, 0, MS_BIND, 0);
    }

    /// <summary>c and u are character devices (u: unbuffered), b block, p a FIFO (config-linux.md, "Devices").</summary>
    private static uint TypeBits(LinuxDeviceSpec device) => device.Type switch
    {
        "c" or "u" => S_IFCHR,
        "b" => S_IFBLK,
        "p" => S_IFIFO,
        _ => throw new ShimException(ExitCodes.Failure, $"linux.devices {device.Path}: unknown device type '{device.Type}'"),
    };

    private static void AddParents(StepList steps, string path)
    {
        var parts = ContainerPath.Components(path);
        string directory = "";
        for (int i = 0; i < parts.Count - 1; i++)
        {
            directory += "/" + parts[i];
            steps.Add($"mkdir-{directory}", steps.Calls.Mkdirat, AT_FDCWD, steps.Str(directory), 0x1ed).Tolerate(EEXIST);
        }
    }
}
