using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using SharpCompress.Compressors.ZStandard;

namespace ContainerPS.Engine.Tests.Unpack;

/// <summary>Builds a layer tar in memory with System.Formats.Tar's TarWriter (PAX format unless told otherwise).</summary>
internal sealed class LayerTar
{
    public static readonly DateTimeOffset DefaultTime = new(2021, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<TarEntry> _entries = [];
    private readonly TarEntryFormat _format;

    public LayerTar(TarEntryFormat format = TarEntryFormat.Pax)
    {
        _format = format;
    }

    public LayerTar Directory(string name, UnixFileMode mode = (UnixFileMode)0x1ED, int uid = 0, int gid = 0, DateTimeOffset? time = null) =>
        Add(Entry(TarEntryType.Directory, name, mode, uid, gid, time));

    public LayerTar File(string name, string content = "", UnixFileMode mode = (UnixFileMode)0x1A4, int uid = 0, int gid = 0,
        DateTimeOffset? time = null, IEnumerable<KeyValuePair<string, string>>? pax = null) =>
        File(name, Encoding.UTF8.GetBytes(content), mode, uid, gid, time, pax);

    public LayerTar File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0x1A4, int uid = 0, int gid = 0,
        DateTimeOffset? time = null, IEnumerable<KeyValuePair<string, string>>? pax = null)
    {
        TarEntry entry = Entry(TarEntryType.RegularFile, name, mode, uid, gid, time, pax);
        entry.DataStream = new MemoryStream(content);
        return Add(entry);
    }

    public LayerTar File(string name, Stream content) =>
        Add(Entry(TarEntryType.RegularFile, name, (UnixFileMode)0x1A4, 0, 0, null, null, content));

    public LayerTar Symlink(string name, string target, UnixFileMode mode = (UnixFileMode)0x1FF, int uid = 0, int gid = 0, DateTimeOffset? time = null,
        IEnumerable<KeyValuePair<string, string>>? pax = null)
    {
        TarEntry entry = Entry(TarEntryType.SymbolicLink, name, mode, uid, gid, time, pax);
        entry.LinkName = target;
        return Add(entry);
    }

    public LayerTar HardLink(string name, string target, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        TarEntry entry = Entry(TarEntryType.HardLink, name, mode, 0, 0, null);
        entry.LinkName = target;
        return Add(entry);
    }

    public LayerTar Device(TarEntryType type, string name, int major, int minor, UnixFileMode mode = (UnixFileMode)0x1B6, int uid = 0, int gid = 0,
        IEnumerable<KeyValuePair<string, string>>? pax = null)
    {
        var entry = (PosixTarEntry)Entry(type, name, mode, uid, gid, null, pax);
        entry.DeviceMajor = major;
        entry.DeviceMinor = minor;
        return Add(entry);
    }

    public LayerTar Fifo(string name, UnixFileMode mode = (UnixFileMode)0x1A4) => Add(Entry(TarEntryType.Fifo, name, mode, 0, 0, null));

    public byte[] ToTar()
    {
        var output = new MemoryStream();
        WriteTo(output);
        return output.ToArray();
    }

    public byte[] ToGzip()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            WriteTo(gzip);
        }

        return output.ToArray();
    }

    public byte[] ToZstd()
    {
        var output = new MemoryStream();
        using (var zstd = new CompressionStream(output, level: 3, bufferSize: 0, leaveOpen: true))
        {
            WriteTo(zstd);
        }

        return output.ToArray();
    }

    private void WriteTo(Stream output)
    {
        using var writer = new TarWriter(output, _format, leaveOpen: true);
        foreach (TarEntry entry in _entries)
        {
            entry.DataStream?.Seek(0, SeekOrigin.Begin);
            writer.WriteEntry(entry);
        }
    }

    private LayerTar Add(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    private TarEntry Entry(TarEntryType type, string name, UnixFileMode mode, int uid, int gid, DateTimeOffset? time,
        IEnumerable<KeyValuePair<string, string>>? pax = null, Stream? data = null)
    {
        TarEntry entry = _format switch
        {
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            _ => pax is null ? new PaxTarEntry(type, name) : new PaxTarEntry(type, name, pax),
        };
        entry.Mode = mode;
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = time ?? DefaultTime;
        if (data is not null)
        {
            entry.DataStream = data;
        }

        return entry;
    }
}
