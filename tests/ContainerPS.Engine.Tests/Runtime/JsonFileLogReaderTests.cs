using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class JsonFileLogReaderTests : IDisposable
{
    private const string Id = "c0ffee";
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("cps-log-").FullName, "ctr.log");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Fact]
    public void Lines_are_read_with_stream_and_nanosecond_time_and_a_split_long_line_is_joined()
    {
        File.WriteAllText(_file, """
            {"log":"first\n","stream":"stdout","time":"2026-11-27T19:00:00.123456789Z"}
            {"log":"long ","stream":"stderr","time":"2026-11-27T19:00:01Z"}
            {"log":"other\n","stream":"stdout","time":"2026-11-27T19:00:01.5Z"}
            {"log":"line\n","stream":"stderr","time":"2026-11-27T19:00:02Z"}

            """);

        var entries = Read(new LogQuery());

        Assert.Equal(["first", "other", "long line"], entries.Select(e => e.Message));
        Assert.Equal([LogStream.Stdout, LogStream.Stdout, LogStream.Stderr], entries.Select(e => e.Stream));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero).AddTicks(1234567), entries[0].Timestamp);
        Assert.All(entries, e => Assert.Equal(Id, e.ContainerId));
    }

    [Fact]
    public void Tail_stream_and_since_select_lines_and_a_torn_line_is_skipped()
    {
        var lines = Enumerable.Range(1, 5).SelectMany(i => new[]
        {
            $$"""{"log":"out{{i}}\n","stream":"stdout","time":"2026-11-27T19:00:0{{i}}Z"}""",
            $$"""{"log":"err{{i}}\n","stream":"stderr","time":"2026-11-27T19:00:0{{i}}Z"}""",
        });
        File.WriteAllLines(_file, [.. lines, """{"log":"torn"""]);

        Assert.Equal(["out4", "out5"], Read(new LogQuery { Tail = 2, Streams = LogStream.Stdout }).Select(e => e.Message));
        Assert.Equal(["err1", "err2", "err3", "err4", "err5"], Read(new LogQuery { Streams = LogStream.Stderr }).Select(e => e.Message));
        Assert.Equal(["out5", "err5"], Read(new LogQuery { Since = new DateTimeOffset(2026, 11, 27, 19, 0, 5, TimeSpan.Zero) }).Select(e => e.Message));
        Assert.Empty(Read(new LogQuery { Tail = 0 }));
    }

    [Fact]
    public void Reading_from_a_position_skips_what_was_there_before()
    {
        File.WriteAllText(_file, """{"log":"old\n","stream":"stdout","time":"2026-11-27T19:00:00Z"}""" + "\n");
        var position = new FileInfo(_file).Length;
        File.AppendAllText(_file, """{"log":"new\n","stream":"stdout","time":"2026-11-27T19:00:01Z"}""" + "\n");

        Assert.Equal(["new"], Read(new LogQuery { FromPosition = position }).Select(e => e.Message));
    }

    [Fact]
    public void A_last_piece_without_a_newline_is_read_at_the_end()
    {
        File.WriteAllText(_file, """{"log":"done\n","stream":"stdout","time":"2026-11-27T19:00:00Z"}""" + "\n"
            + """{"log":"no newline","stream":"stdout","time":"2026-11-27T19:00:01Z"}""" + "\n");
        var entries = new JsonFileLogReader(_file, "c").Read(new LogQuery(), watch: null, CancellationToken.None).ToList();
        Assert.Equal(["done", "no newline"], entries.Select(e => e.Message));
    }

    [Fact]
    public void A_missing_log_reads_as_empty()
    {
        Assert.Empty(Read(new LogQuery()));
    }

    private List<ContainerLogEntry> Read(LogQuery query) =>
        new JsonFileLogReader(_file, Id).Read(query, watch: null, CancellationToken.None).ToList();
}
