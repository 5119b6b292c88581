using System.Text;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Native;

/// <summary>
/// Encodes a path into a caller-supplied buffer as the NUL-terminated UTF-8 that syscalls take, so that hot loops
/// do not allocate. A path longer than PATH_MAX cannot name anything on Linux and is refused.
/// </summary>
internal static class Utf8Path
{
    /// <summary>PATH_MAX (4096) including the terminating NUL.</summary>
    public const int Capacity = 4096;

    public static void Encode(ReadOnlySpan<char> path, Span<byte> destination)
    {
        if (path.Contains('\0'))
        {
            throw Fail.InvalidArgument("PathContainsNul", $"The path '{path}' contains a NUL character.", path.ToString());
        }

        if (!Encoding.UTF8.TryGetBytes(path, destination[..^1], out int written))
        {
            throw Fail.InvalidArgument("PathTooLong", $"The path '{path}' is longer than {Capacity - 1} bytes.", path.ToString());
        }

        destination[written] = 0;
    }

    /// <summary>Encodes into a new array; for paths outside hot loops.</summary>
    public static byte[] ToArray(string path)
    {
        var buffer = new byte[Math.Min(Encoding.UTF8.GetMaxByteCount(path.Length) + 1, Capacity)];
        Encode(path, buffer);
        return buffer;
    }
}
