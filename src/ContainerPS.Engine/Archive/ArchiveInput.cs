using System.IO.Compression;
using ContainerPS.Engine.Errors;
using SharpCompress.Compressors.ZStandard;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Opens an archive or rootfs file as its tar stream, decompressing gzip or zstd when its first bytes are their magic
/// numbers (RFC 1952 §2.3.1: 1f 8b; RFC 8878 §3.1.1: 28 b5 2f fd), whatever the file is called.
/// </summary>
internal static class ArchiveInput
{
    public static Stream OpenTar(string path)
    {
        if (!File.Exists(path)) throw Fail.NotFound("ArchiveNotFound", $"There is no file or directory '{path}'.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
            if (read == 4 && magic.SequenceEqual(new byte[] { 0x28, 0xb5, 0x2f, 0xfd })) return new DecompressionStream(file, bufferSize: 0, checkEndOfStream: true, leaveOpen: false);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
