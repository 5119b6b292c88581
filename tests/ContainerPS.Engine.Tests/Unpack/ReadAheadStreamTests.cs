using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Unpack;

public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 4)]
    [InlineData(3 * ReadAheadStream.BufferSize + 17, 4)]
    [InlineData(3 * ReadAheadStream.BufferSize + 17, 128)]
    public void Reads_back_exactly_the_source_whatever_the_look_ahead(int length, int bufferCount)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);

        using var readAhead = new ReadAheadStream(new MemoryStream(data), ownsSource: true, bufferCount);
        var copy = new MemoryStream();
        readAhead.CopyTo(copy, 1000);

        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public void Disposed_while_its_reader_is_ahead_it_stops_and_disposes_the_source()
    {
        var source = new TrackedStream(new byte[40 * ReadAheadStream.BufferSize]);
        var readAhead = new ReadAheadStream(source, ownsSource: true, bufferCount: 8);
        Assert.Equal(10, readAhead.Read(new byte[10]));

        readAhead.Dispose();

        Assert.True(source.Disposed);
    }

    [Fact]
    public void A_failing_source_fails_the_reader_with_its_own_exception()
    {
        using var readAhead = new ReadAheadStream(new FailingStream(), ownsSource: true);

        Assert.Throws<InvalidDataException>(() => readAhead.CopyTo(Stream.Null));
    }

    private sealed class TrackedStream(byte[] data) : MemoryStream(data)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidDataException("broken layer");

        public override int Read(Span<byte> buffer) => throw new InvalidDataException("broken layer");
    }
}
