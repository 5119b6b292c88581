namespace ContainerPS.Engine.Native;

/// <summary>glibc's makedev/major/minor (sys/sysmacros.h): 12-bit major and 20-bit minor split across a 64-bit dev_t.</summary>
internal static class DeviceNumber
{
    public static ulong Make(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) |
        ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    public static uint Major(ulong dev) => (uint)(((dev >> 32) & 0xfffff000) | ((dev >> 8) & 0xfff));

    public static uint Minor(ulong dev) => (uint)(((dev >> 12) & 0xffffff00) | (dev & 0xff));
}
