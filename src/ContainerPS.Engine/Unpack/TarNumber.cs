namespace ContainerPS.Engine.Unpack;

/// <summary>Reads a numeric tar header field: octal ASCII (POSIX ustar) or GNU base-256 when the high bit is set.</summary>
internal static class TarNumber
{
    /// <summary>The value, or -1 when the field is malformed, negative or does not fit in a long.</summary>
    public static long Parse(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return -1;
        }

        return (field[0] & 0x80) != 0 ? ParseBase256(field) : ParseOctal(field);
    }

    private static long ParseBase256(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x40) != 0)
        {
            return -1; // negative
        }

        long value = field[0] & 0x3f;
        foreach (byte b in field[1..])
        {
            if (value > (long.MaxValue >> 8))
            {
                return -1;
            }

            value = (value << 8) | b;
        }

        return value;
    }

    private static long ParseOctal(ReadOnlySpan<byte> field)
    {
        field = field.Trim((byte)' ').TrimEnd((byte)0).Trim((byte)' ');
        long value = 0;
        foreach (byte b in field)
        {
            if (b is < (byte)'0' or > (byte)'7' || value > (long.MaxValue >> 3))
            {
                return -1;
            }

            value = (value << 3) | (long)(b - '0');
        }

        return value;
    }
}
