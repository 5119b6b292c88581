using System.Formats.Tar;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>The owner, permission bits and modification time a tar entry asks for, checked once.</summary>
internal readonly struct EntryAttributes
{
    private const int PermissionBits = 0xFFF; // 07777: rwx for all, setuid, setgid, sticky

    private EntryAttributes(uint uid, uint gid, ushort mode, timespec modified)
    {
        Uid = uid;
        Gid = gid;
        Mode = mode;
        Modified = modified;
    }

    public uint Uid { get; }

    public uint Gid { get; }

    public ushort Mode { get; }

    public timespec Modified { get; }

    public static EntryAttributes Of(TarEntry entry)
    {
        if (entry.Uid < 0 || entry.Gid < 0)
        {
            throw UnpackErrors.InvalidLayer($"The layer entry '{entry.Name}' has a negative owner ({entry.Uid}:{entry.Gid}).", entry.Name);
        }

        return new EntryAttributes((uint)entry.Uid, (uint)entry.Gid, (ushort)((int)entry.Mode & PermissionBits), ToTimespec(entry.ModificationTime));
    }

    /// <summary>Whole seconds since the epoch plus nanoseconds (PAX mtimes carry fractions), rounded toward -∞.</summary>
    public static timespec ToTimespec(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new timespec { tv_sec = seconds, tv_nsec = (int)(remainder * 100) };
    }
}
