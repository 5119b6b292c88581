using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Recognises the local tar archives ADD extracts (Dockerfile reference, "ADD", "Adding local tar archives": "identity,
/// gzip, bzip2 or xz" and, with BuildKit, zstd). As docker and BuildKit decide, by content, never by name: the first
/// bytes name a compression, and what they decompress to must start with a valid tar header. Anything else is
/// copied as COPY copies it.
/// </summary>
internal static class AddArchive
{
    private const int TarBlockSize = 512;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private static readonly byte[] Bzip2Magic = "BZh"u8.ToArray();
    private static readonly byte[] XzMagic = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];

    /// <summary>The uncompressed tar stream of the file at <paramref name="path"/>, or null when it is not a tar archive.</summary>
    public static Stream? TryOpen(string path)
    {
        return IsArchive(path) ? Decompress(OpenNoFollow(path), Compression(Head(path))) : null;
    }

    public static bool IsArchive(string path)
    {
        var compression = Compression(Head(path));
        try
        {
            using var tar = Decompress(OpenNoFollow(path), compression);
            var block = new byte[TarBlockSize];
            return tar.ReadAtLeast(block, TarBlockSize, throwOnEndOfStream: false) == TarBlockSize && IsTarHeader(block);
        }
        catch (Exception e) when (IsFormatError(e))
        {
            return false; // a compression magic on something that does not decompress: a plain file
        }
    }

    /// <summary>The compression the first bytes of a file name, by their magic numbers.</summary>
    public static ArchiveCompression Compression(ReadOnlySpan<byte> head) =>
        head.StartsWith(GzipMagic) ? ArchiveCompression.Gzip
        : head.StartsWith(Bzip2Magic) ? ArchiveCompression.Bzip2
        : head.StartsWith(XzMagic) ? ArchiveCompression.Xz
        : head.StartsWith(ZstdMagic) ? ArchiveCompression.Zstd
        : ArchiveCompression.None;

    /// <summary>
    /// A tar header block: its checksum field (POSIX ustar, "chksum": the sum of the header's bytes with the field
    /// itself taken as spaces) matches. That accepts v7, ustar, GNU and PAX headers alike, and refuses a zero block.
    /// </summary>
    public static bool IsTarHeader(ReadOnlySpan<byte> block)
    {
        if (block.Length < TarBlockSize) return false;
        long sum = 0;
        for (int i = 0; i < TarBlockSize; i++) sum += i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? ' ' : block[i];
        return ParseOctal(block.Slice(ChecksumOffset, ChecksumLength)) is { } stored && stored == sum && block[0] != 0;
    }

    /// <summary>True for the exceptions a damaged compressed or tar stream gives.</summary>
    public static bool IsFormatError(Exception e) =>
        e is InvalidDataException or EndOfStreamException or FormatException or NotSupportedException or InvalidOperationException
            or SharpCompress.Common.SharpCompressException;

    /// <summary>The uncompressed stream of <paramref name="file"/>, which it owns.</summary>
    public static Stream Decompress(Stream file, ArchiveCompression compression) => compression switch
    {
        ArchiveCompression.Gzip => new GZipStream(file, CompressionMode.Decompress, leaveOpen: false),
        ArchiveCompression.Bzip2 => BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false),
        ArchiveCompression.Xz => new OwningReadStream(new XZStream(file), file),
        ArchiveCompression.Zstd => new DecompressionStream(file, bufferSize: 0, checkEndOfStream: true, leaveOpen: false),
        _ => file,
    };

    private static byte[] Head(string path)
    {
        using var file = OpenNoFollow(path);
        var head = new byte[XzMagic.Length];
        int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read];
    }

    /// <summary>
    /// The context file, read only if it is still not a symlink: one swapped in since the context was walked could
    /// otherwise make this engine, running as root, extract a file the context's owner cannot read.
    /// </summary>
    private static unsafe FileStream OpenNoFollow(string path)
    {
        fixed (byte* p = Native.Utf8Path.ToArray(path))
        {
            int fd = Tmds.Linux.LibC.open(p, Tmds.Linux.LibC.O_RDONLY | Tmds.Linux.LibC.O_NOFOLLOW | Tmds.Linux.LibC.O_CLOEXEC, 0);
            Native.Errno.ThrowIfFailed(fd, "open", path);
            return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        }
    }

    private static long? ParseOctal(ReadOnlySpan<byte> field)
    {
        long value = 0;
        bool any = false;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (any) break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7') return null;
            value = value * 8 + (b - '0');
            any = true;
        }
        return any ? value : null;
    }
}
