using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// cgroup v2 has no devices.allow: the allow-list is an eBPF program attached to the cgroup (cgroup-v2.rst, "Device
/// controller"). Once attached, the cgroup holds it; the program's fd is closed at once and the program goes away with
/// the cgroup.
/// </summary>
internal static unsafe class V2DeviceFilter
{
    public static void Apply(string directory, IReadOnlyList<DeviceRule> rules)
    {
        if (rules.Count == 0)
        {
            return;
        }

        int program = Bpf.LoadDeviceProgram(DeviceFilterProgram.Build(rules));
        try
        {
            int cgroup = OpenDirectory(directory);
            try
            {
                Bpf.AttachDeviceProgram(cgroup, program, directory);
            }
            finally
            {
                LibC.close(cgroup);
            }
        }
        finally
        {
            LibC.close(program);
        }
    }

    private static int OpenDirectory(string directory)
    {
        byte[] path = System.Text.Encoding.UTF8.GetBytes(directory + "\0");
        fixed (byte* p = path)
        {
            int fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            return fd >= 0 ? fd : throw CgroupException.FromErrno(CgroupErrorIds.WriteFailed, "open", directory, LibC.errno);
        }
    }
}
