using System.Diagnostics;
using System.Text;
using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Tests.Unpack;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>ADD recognises a tar archive by content (magic bytes and a valid tar header), never by name.</summary>
public sealed class AddArchiveTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cps-addarchive-" + Guid.NewGuid().ToString("N"));

    public AddArchiveTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Tar() => new LayerTar().Directory("d").File("d/f", "hello").ToTar();

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("bzip2")]
    [InlineData("xz")]
    [InlineData("zstd")]
    public void EveryCompressionIsRecognisedWhateverTheName(string compression)
    {
        var path = Write("data.bin", Compressed(compression, Tar()));
        Assert.True(AddArchive.IsArchive(path));
        using var tar = AddArchive.TryOpen(path);
        Assert.NotNull(tar);
        var entries = new List<string>();
        using var reader = new System.Formats.Tar.TarReader(tar!);
        while (reader.GetNextEntry() is { } entry) entries.Add(entry.Name.TrimEnd('/'));
        Assert.Equal(["d", "d/f"], entries);
    }

    [Theory]
    [InlineData(new byte[] { 0x1F, 0x8B, 8 }, "Gzip")]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'9' }, "Bzip2")]
    [InlineData(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }, "Xz")]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, "Zstd")]
    [InlineData(new byte[] { (byte)'h', (byte)'i' }, "None")]
    [InlineData(new byte[0], "None")]
    public void CompressionIsTheMagicNumber(byte[] head, string expected) =>
        Assert.Equal(expected, AddArchive.Compression(head).ToString());

    [Fact]
    public void AFileNamedLikeAnArchiveIsNotOne()
    {
        Assert.False(AddArchive.IsArchive(Write("x.tar.gz", Encoding.UTF8.GetBytes("just text\n"))));
        Assert.Null(AddArchive.TryOpen(Write("y.tar", new byte[2048])));
    }

    [Fact]
    public void CompressedDataThatIsNotATarIsNotAnArchive()
    {
        Assert.False(AddArchive.IsArchive(Write("readme.gz", Compressed("gzip", Encoding.UTF8.GetBytes(new string('a', 4096))))));
        Assert.False(AddArchive.IsArchive(Write("broken.gz", [0x1F, 0x8B, 1, 2, 3])));
    }

    [Fact]
    public void ATarHeaderNeedsItsChecksum()
    {
        var header = Tar()[..512];
        Assert.True(AddArchive.IsTarHeader(header));
        header[0] ^= 1;
        Assert.False(AddArchive.IsTarHeader(header));
        Assert.False(AddArchive.IsTarHeader(new byte[512]));
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    internal static byte[] Compressed(string compression, byte[] data)
    {
        if (compression == "none") return data;
        if (compression == "gzip")
        {
            var output = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
            return output.ToArray();
        }
        var start = new ProcessStartInfo(compression, "-c") { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var result = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(result);
        process.StandardInput.BaseStream.Write(data);
        process.StandardInput.Close();
        reading.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return result.ToArray();
    }
}
