using ContainerPS.Engine.IO;

namespace ContainerPS.Engine.Tests.IO;

public sealed class EarlyWritebackStreamTests
{
    [Fact]
    public void What_is_written_across_writeback_kicks_and_a_rewritten_header_is_what_the_file_holds()
    {
        string path = Path.Combine(Path.GetTempPath(), "cps-writeback-" + Guid.NewGuid().ToString("N"));
        try
        {
            byte[] data = new byte[(20 << 20) + 12345]; // past two 8 MiB kicks, ending mid-range
            new Random(5).NextBytes(data);
            using (var stream = new EarlyWritebackStream(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16)))
            {
                stream.Write(new byte[512]);
                for (int offset = 0; offset < data.Length; offset += 70000)
                    stream.Write(data, offset, Math.Min(70000, data.Length - offset));
                long end = stream.Position;
                stream.Position = 0; // as TarArchiveSink rewrites a header once the size is known
                stream.Write(data.AsSpan(0, 512));
                stream.Position = end;
                stream.Flush(flushToDisk: true);
            }

            byte[] file = File.ReadAllBytes(path);
            Assert.Equal(512 + data.Length, file.Length);
            Assert.Equal(data.AsSpan(0, 512).ToArray(), file.AsSpan(0, 512).ToArray());
            Assert.Equal(data, file.AsSpan(512).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
