using System.Text.Json;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>io.containerps.log.path: stdout and stderr in docker's json-file format.</summary>
public sealed class LogTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private List<JsonElement> RunLogged(string script)
    {
        string log = Path.Combine(_bundle.Path, "ctr.log");
        var spec = BusyboxBundle.DefaultSpec(script) with { Annotations = new() { [Annotations.LogPath] = log } };
        var result = _shim.RunSpec(_bundle, spec, out _);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        return File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement).ToList();
    }

    [Fact]
    public void Stdout_and_stderr_lines_are_json_objects_with_stream_and_nanosecond_utc_time()
    {
        var lines = RunLogged("echo one; echo two >&2; printf 'tab\\there \"quoted\" \\\\ end\\n'");
        // Two pipes: the order within a stream is kept, not the interleaving of the two.
        string[] Stream(string name) => lines.Where(l => l.GetProperty("stream").GetString() == name).Select(l => l.GetProperty("log").GetString()!).ToArray();
        Assert.Equal(["one\n", "tab\there \"quoted\" \\ end\n"], Stream("stdout"));
        Assert.Equal(["two\n"], Stream("stderr"));
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", line.GetProperty("time").GetString()));
    }

    [Fact]
    public void A_line_longer_than_16_KiB_is_split_and_a_last_line_without_newline_is_kept()
    {
        var lines = RunLogged("head -c 40000 /dev/zero | tr '\\0' x; echo; printf tail");
        var texts = lines.Select(l => l.GetProperty("log").GetString()!).ToList();
        Assert.Equal(new[] { 16384, 16384, 40000 - 32768 + 1, 4 }, texts.Select(t => t.Length));
        Assert.Equal("x\n", texts[2][^2..]);
        Assert.Equal("tail", texts[3]);
    }

    [Fact]
    public void Invalid_UTF8_is_replaced_and_stdin_is_empty()
    {
        var lines = RunLogged("printf 'caf\\303\\251 \\377\\n'; cat; echo end");
        Assert.Equal(["café \uFFFD\n", "end\n"], lines.Select(l => l.GetProperty("log").GetString()));
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
