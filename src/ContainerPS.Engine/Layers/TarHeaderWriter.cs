using System.Globalization;
using System.Text;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// Writes ustar headers, with a PAX extended header before them only when a value does not fit (a long or non-ASCII
/// path or link, xattrs, a large size or id). Written by hand rather than with System.Formats.Tar because PAX values
/// there are strings and a binary xattr such as security.capability would not survive UTF-8 (see PaxRecords).
/// Every field is fixed: no atime or ctime, empty uname/gname, mtime in whole seconds, the same PAX header name.
/// </summary>
internal static class TarHeaderWriter
{
    public const int BlockSize = 512;

    private const long MaxOctal7 = 0x1FFFFF; // 7 octal digits: uid, gid, mode
    private const long MaxOctal11 = 0x1FFFFFFFF; // 11 octal digits: size, mtime

    public static void Write(Stream output, LayerEntry entry, string name, byte typeFlag)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] linkBytes = entry.LinkTarget is null ? [] : Encoding.UTF8.GetBytes(entry.LinkTarget);
        var pax = new List<KeyValuePair<string, byte[]>>();

        if (nameBytes.Length > 100 || !IsAscii(nameBytes)) pax.Add(new("path", nameBytes));
        if (linkBytes.Length > 100 || !IsAscii(linkBytes)) pax.Add(new("linkpath", linkBytes));
        if (entry.Size > MaxOctal11) pax.Add(new("size", Ascii(entry.Size)));
        if (entry.Uid > MaxOctal7 || entry.Uid < 0) pax.Add(new("uid", Ascii(entry.Uid)));
        if (entry.Gid > MaxOctal7 || entry.Gid < 0) pax.Add(new("gid", Ascii(entry.Gid)));
        if (entry.MtimeSeconds > MaxOctal11 || entry.MtimeSeconds < 0) pax.Add(new("mtime", Ascii(entry.MtimeSeconds)));
        foreach ((string key, byte[] value) in entry.Xattrs)
        {
            pax.Add(new("SCHILY.xattr." + key, value)); // the GNU tar / Go archive/tar convention the unpacker reads
        }

        if (pax.Count > 0)
        {
            byte[] records = PaxRecordsOf(pax);
            var paxHeader = new byte[BlockSize];
            Fill(paxHeader, "PaxHeader"u8, 0, 100);
            Octal(paxHeader, 100, 8, 0x1A4);
            Octal(paxHeader, 108, 8, 0);
            Octal(paxHeader, 116, 8, 0);
            Octal(paxHeader, 124, 12, records.Length);
            Octal(paxHeader, 136, 12, 0);
            Finish(paxHeader, (byte)'x');
            output.Write(paxHeader);
            output.Write(records);
            Pad(output, records.Length);
        }

        var header = new byte[BlockSize];
        Fill(header, nameBytes, 0, 100);
        Octal(header, 100, 8, entry.Mode);
        Octal(header, 108, 8, Math.Clamp(entry.Uid, 0, MaxOctal7));
        Octal(header, 116, 8, Math.Clamp(entry.Gid, 0, MaxOctal7));
        Octal(header, 124, 12, entry.Size > MaxOctal11 ? 0 : entry.Size);
        Octal(header, 136, 12, Math.Clamp(entry.MtimeSeconds, 0, MaxOctal11));
        Fill(header, linkBytes, 157, 100);
        if (typeFlag is (byte)'3' or (byte)'4')
        {
            Octal(header, 329, 8, entry.DevMajor);
            Octal(header, 337, 8, entry.DevMinor);
        }

        Finish(header, typeFlag);
        output.Write(header);
    }

    /// <summary>Zero bytes up to the next 512-byte boundary after <paramref name="length"/> bytes of data.</summary>
    public static void Pad(Stream output, long length)
    {
        int rest = (int)(length % BlockSize);
        if (rest != 0) output.Write(new byte[BlockSize - rest]);
    }

    private static byte[] PaxRecordsOf(List<KeyValuePair<string, byte[]>> records)
    {
        // POSIX pax "extended header": "%d %s=%s\n" where the decimal length counts the whole record, itself included.
        using var buffer = new MemoryStream();
        foreach ((string key, byte[] value) in records)
        {
            int body = 1 + Encoding.UTF8.GetByteCount(key) + 1 + value.Length + 1; // " key=value\n"
            int length = body + Digits(body);
            if (Digits(length) != Digits(body)) length = body + Digits(length);
            buffer.Write(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " " ));
            buffer.Write(Encoding.UTF8.GetBytes(key + "="));
            buffer.Write(value);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private static byte[] Ascii(long n) => Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture));

    private static bool IsAscii(byte[] bytes) => Array.TrueForAll(bytes, b => b < 0x80);

    private static void Fill(byte[] header, ReadOnlySpan<byte> value, int offset, int length) =>
        value[..Math.Min(value.Length, length)].CopyTo(header.AsSpan(offset, length));

    private static void Octal(byte[] header, int offset, int length, long value)
    {
        string digits = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(digits, header.AsSpan(offset, length - 1));
        header[offset + length - 1] = 0;
    }

    private static void Finish(byte[] header, byte typeFlag)
    {
        header[156] = typeFlag;
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        header.AsSpan(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte b in header) sum += b;
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0'), header.AsSpan(148, 6));
        header[154] = 0;
        header[155] = (byte)' ';
    }
}
