namespace ContainerPS.Shim.Native;

/// <summary>memfd_create(2) and fcntl(2) file-sealing constants (include/uapi/linux/memfd.h, fcntl.h).</summary>
internal static class Memfd
{
    public const uint MFD_CLOEXEC = 0x1, MFD_ALLOW_SEALING = 0x2, MFD_EXEC = 0x10;
    public const int F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
    public const int F_SEAL_SEAL = 0x1, F_SEAL_SHRINK = 0x2, F_SEAL_GROW = 0x4, F_SEAL_WRITE = 0x8;

    /// <summary>Nothing can change the copy's bytes or its size, nor lift these seals.</summary>
    public const int AllSeals = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;
}
