namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// A compiled filter: the classic-BPF program (struct sock_filter[], 8 bytes an instruction) and the
/// SECCOMP_FILTER_FLAG_* bits seccomp(2) installs it with.
/// </summary>
internal sealed record SeccompFilter(byte[] Program, uint Flags)
{
    /// <summary>As SeccompFilterFile stores it (in the cache, and in the container's state directory, so `exec`
    /// installs exactly the init's filter without trusting the bundle again): the flags (4 bytes, little-endian),
    /// then the program.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[4 + Program.Length];
        BitConverter.TryWriteBytes(bytes, Flags);
        Program.CopyTo(bytes, 4);
        return bytes;
    }

    public static SeccompFilter? FromBytes(byte[] bytes)
    {
        if (bytes.Length < 12 || (bytes.Length - 4) % 8 != 0) return null;
        return new SeccompFilter(bytes[4..], BitConverter.ToUInt32(bytes, 0));
    }
}
