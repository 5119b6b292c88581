using System.IO.Compression;
using ContainerPS.Engine.IO;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// Whether a block of a layer is not worth deflating: four 8 KiB windows spread over it, each deflated at the fastest
/// level, and none shrinks by 3 % or more. Costs about 3 % of deflating the block. A block of mixed content with even
/// one compressible window is deflated whole, so a wrong guess can only cost time, never bytes.
/// </summary>
public static class IncompressibleSample
{
    private const int Windows = 4;
    private const int WindowBytes = 8 << 10;

    public static bool Detect(ReadOnlySpan<byte> block)
    {
        if (block.Length < Windows * WindowBytes) return false;
        long stride = (block.Length - WindowBytes) / (Windows - 1);
        for (int i = 0; i < Windows; i++)
        {
            var window = block.Slice((int)(i * stride), WindowBytes);
            if (DeflatedSize(window) < window.Length * 97L / 100) return false;
        }

        return true;
    }

    private static long DeflatedSize(ReadOnlySpan<byte> window)
    {
        var counter = new CountingSink();
        using (var deflate = new DeflateStream(counter, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(window);
        return counter.Length;
    }
}
