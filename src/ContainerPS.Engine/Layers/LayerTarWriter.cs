using Microsoft.Win32.SafeHandles;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// Writes walked entries as a tar stream (image-spec layer.md, "Change Set": a tar of the changes, whiteouts as
/// empty files). A regular file's bytes are read through a file descriptor opened with O_NOFOLLOW whose inode must be
/// the one the walk saw, so a path swapped for a symlink after the walk cannot pull in a file from outside the layer.
/// </summary>
public static unsafe class LayerTarWriter
{
    public static void Write(IEnumerable<LayerEntry> entries, Stream output, CancellationToken ct = default)
    {
        byte[] buffer = new byte[1 << 16];
        foreach (LayerEntry entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            switch (entry.Kind)
            {
                case LayerEntryKind.Directory:
                    TarHeaderWriter.Write(output, entry with { Size = 0 }, entry.Path + "/", (byte)'5');
                    break;
                case LayerEntryKind.Regular:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'0');
                    CopyContent(entry, output, buffer);
                    TarHeaderWriter.Pad(output, entry.Size);
                    break;
                case LayerEntryKind.Whiteout or LayerEntryKind.OpaqueMarker:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'0');
                    break;
                case LayerEntryKind.Hardlink:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'1');
                    break;
                case LayerEntryKind.Symlink:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'2');
                    break;
                case LayerEntryKind.CharDevice:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'3');
                    break;
                case LayerEntryKind.BlockDevice:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'4');
                    break;
                case LayerEntryKind.Fifo:
                    TarHeaderWriter.Write(output, entry, entry.Path, (byte)'6');
                    break;
            }
        }

        output.Write(new byte[2 * TarHeaderWriter.BlockSize]); // the end-of-archive marker: two zero blocks
    }

    private static void CopyContent(LayerEntry entry, Stream output, byte[] buffer)
    {
        int fd;
        fixed (byte* p = Utf8Path.ToArray(entry.SourcePath))
        {
            fd = LibC.open(p, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
        }

        if (fd < 0)
        {
            throw new IOException($"Cannot open '{entry.SourcePath}' for the layer (errno {Errno.Last}).");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        stat st;
        if (LibC.fstat(fd, &st) != 0 || (ulong)st.st_ino != entry.Inode || ((int)st.st_mode & 0xF000) != 0x8000)
        {
            throw new IOException($"'{entry.SourcePath}' changed while the layer was written.");
        }

        using var file = new FileStream(handle, FileAccess.Read, 1);
        long left = entry.Size;
        while (left > 0)
        {
            int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new IOException($"'{entry.SourcePath}' shrank while the layer was written.");
            }

            output.Write(buffer, 0, n);
            left -= n;
        }
    }
}
