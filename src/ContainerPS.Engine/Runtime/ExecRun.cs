using System.Diagnostics;
using System.Threading.Channels;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// One <c>containerps-shim exec</c> process: its stdout and stderr become <see cref="ExecOutputLine"/>s as they come
/// (one reader task per pipe into a channel, read by the caller's thread); its stdin is closed at once (docker exec
/// without -i). Killing the shim (SIGKILL) kills the exec'd process too: its parent-death signal
/// (src/ContainerPS.Shim/Child/ExecPlan.cs).
/// </summary>
internal sealed class ExecRun : IDisposable
{
    /// <summary>
    /// Once the shim has exited, output still in the pipes is read until EOF; a background process the command left
    /// behind may hold them open forever, so after this long without EOF the output is considered complete.
    /// </summary>
    private static readonly TimeSpan DrainAfterExit = TimeSpan.FromSeconds(1);

    private readonly Process _process;
    private readonly Channel<ExecOutputLine> _lines = Channel.CreateUnbounded<ExecOutputLine>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task<string> _stderrText;
    private readonly StringWriter _stderrCopy = new();

    public ExecRun(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        _process.StandardInput.Close();
        var stdout = Pump(_process.StandardOutput, LogStream.Stdout);
        var stderr = Pump(_process.StandardError, LogStream.Stderr);
        _stderrText = CompleteAfterExit(stdout, stderr);
    }

    /// <summary>The output, line by line, until the shim has exited and its pipes are drained. Cancelling kills the shim and the process.</summary>
    public IEnumerable<ExecOutputLine> Lines(CancellationToken ct)
    {
        using var kill = ct.Register(Kill);
        var reader = _lines.Reader;
        while (Wait(reader, ct))
        {
            while (reader.TryRead(out var line)) yield return line;
        }

        ct.ThrowIfCancellationRequested();
    }

    /// <summary>The shim's exit code, once <see cref="Lines"/> has ended.</summary>
    public int ExitCode
    {
        get
        {
            _process.WaitForExit();
            return _process.ExitCode;
        }
    }

    /// <summary>What the shim and the process wrote on stderr (the shim's own reason for a failure is its last line), once the shim has exited.</summary>
    public string StandardError => _stderrText.GetAwaiter().GetResult();

    private static bool Wait(ChannelReader<ExecOutputLine> reader, CancellationToken ct)
    {
        try
        {
            return reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Task Pump(StreamReader from, LogStream stream) => Task.Run(async () =>
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (stream == LogStream.Stderr) _stderrCopy.WriteLine(line);
            _lines.Writer.TryWrite(new ExecOutputLine(stream, line));
        }
    });

    private async Task<string> CompleteAfterExit(Task stdout, Task stderr)
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainAfterExit)).ConfigureAwait(false);
        _lines.Writer.TryComplete();
        return _stderrCopy.ToString();
    }

    private void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
