using System.Diagnostics;
using System.IO.Compression;
using ContainerPS.Engine.Layers;

namespace ContainerPS.Engine.Tests.Layers;

public sealed class ParallelGzipStreamTests
{
    private const int Member = ParallelGzipStream.MemberBytes;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Member)]
    [InlineData(Member + 1)]
    [InlineData(7 * Member / 2)]
    public void GNU_gzip_and_the_BCL_read_back_exactly_what_was_written(int length)
    {
        byte[] input = Mixed(length);
        byte[] gzip = Compress(input, writeSize: 7000);

        Assert.Equal(input, Decompress(gzip));
        Assert.Equal(input, GnuGunzip(gzip));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_however_it_is_written()
    {
        byte[] input = Mixed(5 * Member / 2);

        Assert.Equal(Compress(input, writeSize: 1 << 16), Compress(input, writeSize: 333));
    }

    [Fact]
    public void Members_hold_exactly_one_MiB_each_so_layer_digests_stay_the_same_from_version_to_version()
    {
        byte[] input = Mixed(5 * Member / 2);

        byte[] members = [.. Compress(input[..Member], 1 << 16), .. Compress(input[Member..(2 * Member)], 1 << 16), .. Compress(input[(2 * Member)..], 1 << 16)];

        Assert.Equal(members, Compress(input, writeSize: 7000));
        byte[] halves = [.. Compress(input[..(Member / 2)], 1 << 16), .. Compress(input[(Member / 2)..Member], 1 << 16)];
        Assert.NotEqual(halves, Compress(input[..Member], 1 << 16)); // one MiB is one member, not two
    }

    [Fact]
    public void Random_data_is_stored_and_text_is_deflated()
    {
        byte[] random = new byte[2 * Member];
        new Random(7).NextBytes(random);
        byte[] text = Text(2 * Member);

        int storedSize = Compress(random, 1 << 16).Length;
        Assert.InRange(storedSize, random.Length, random.Length + random.Length / 100);
        Assert.True(Compress(text, 1 << 16).Length < text.Length / 10);
    }

    [Fact]
    public void A_block_with_one_compressible_sample_is_deflated_whole()
    {
        byte[] block = new byte[Member];
        new Random(3).NextBytes(block);
        Text(Member / 4).CopyTo(block, 0);

        Assert.False(IncompressibleSample.Detect(block));
    }

    private static byte[] Compress(byte[] input, int writeSize)
    {
        var output = new MemoryStream();
        using (var gzip = new ParallelGzipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int offset = 0; offset < input.Length; offset += writeSize)
                gzip.Write(input, offset, Math.Min(writeSize, input.Length - offset));
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] gzip)
    {
        var output = new MemoryStream();
        using (var reader = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)) reader.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] GnuGunzip(byte[] gzip)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, gzip);
            using var process = Process.Start(new ProcessStartInfo("gzip", ["-dc", file]) { RedirectStandardOutput = true })!;
            var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Alternating random and text blocks of 300 KiB, so members of both kinds occur.
    private static byte[] Mixed(int length)
    {
        byte[] data = Text(length);
        var random = new Random(11);
        for (int offset = 0; offset < length; offset += 600 << 10)
            random.NextBytes(data.AsSpan(offset, Math.Min(300 << 10, length - offset)));
        return data;
    }

    private static byte[] Text(int length)
    {
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) text[i] = (byte)('a' + (i / 7 + i % 13) % 26);
        return text;
    }
}
