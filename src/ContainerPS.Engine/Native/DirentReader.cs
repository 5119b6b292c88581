using System.Runtime.InteropServices;

namespace ContainerPS.Engine.Native;

/// <summary>
/// Walks the entries of an open directory with getdents64(2), skipping "." and "..", without allocating:
/// names point into the caller's buffer and stay valid until the next <see cref="MoveNext"/>.
/// </summary>
internal unsafe ref struct DirentReader
{
    public const byte DT_DIR = 4;

    // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
    private const int ReclenOffset = 16;
    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    private readonly int _fd;
    private readonly byte* _buffer;
    private readonly int _capacity;
    private int _length;
    private int _offset;

    public DirentReader(int fd, byte* buffer, int capacity)
    {
        _fd = fd;
        _buffer = buffer;
        _capacity = capacity;
    }

    /// <summary>Advances to the next entry; false at the end of the directory. Throws on a read error.</summary>
    public bool MoveNext(out byte* name, out byte type)
    {
        while (true)
        {
            if (_offset >= _length && !Refill())
            {
                name = null;
                type = 0;
                return false;
            }

            byte* record = _buffer + _offset;
            _offset += *(ushort*)(record + ReclenOffset);
            name = record + NameOffset;
            type = record[TypeOffset];
            if (!IsDotOrDotDot(name))
            {
                return true;
            }
        }
    }

    private bool Refill()
    {
        nint read = LibCExtra.getdents64(_fd, _buffer, (nuint)_capacity);
        Errno.ThrowIfFailed(read, "getdents64", null);
        _length = (int)read;
        _offset = 0;
        return read > 0;
    }

    private static bool IsDotOrDotDot(byte* name) =>
        name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0));

    /// <summary>The entry name as a string, for messages.</summary>
    public static string NameOf(byte* name) => Marshal.PtrToStringUTF8((nint)name) ?? "";
}
