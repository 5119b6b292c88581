using System.Globalization;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Finds one record in the raw data of a PAX extended header ("%d %s=%s\n", POSIX pax "extended header").
/// System.Formats.Tar decodes every PAX value as UTF-8 and so loses the binary bytes of values such as
/// <c>SCHILY.xattr.security.capability</c>; the unpacker reads those bytes from here instead.
/// </summary>
internal static class PaxRecords
{
    public static bool TryFind(ReadOnlySpan<byte> records, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        while (!records.IsEmpty)
        {
            int space = records.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(records[..space], NumberStyles.None, CultureInfo.InvariantCulture, out int length)
                || length <= space + 1 || length > records.Length || records[length - 1] != (byte)'\n')
            {
                break;
            }

            ReadOnlySpan<byte> body = records[(space + 1)..(length - 1)];
            int equals = body.IndexOf((byte)'=');
            if (equals >= 0 && body[..equals].SequenceEqual(key))
            {
                value = body[(equals + 1)..];
                return true;
            }

            records = records[length..];
        }

        value = default;
        return false;
    }
}
