using System.Diagnostics;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// A supervisor started before its bundle is written (<c>create --start --wait-for-bundle</c>): its process start and
/// runtime setup, a few milliseconds, overlap the engine's own work for the same container. <see cref="Release"/>
/// tells it the bundle is ready and waits for its report; disposing it before then makes it give up and leave nothing.
/// </summary>
internal sealed class PendingSupervisor : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout, _stderr;
    private bool _finished;

    public PendingSupervisor(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The bundle is written: one byte on its stdin; then the result of the create, as a plain create's.</summary>
    public ShimResult Release()
    {
        try
        {
            _process.StandardInput.BaseStream.WriteByte(1);
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It is gone already (EPIPE): its exit code and stderr say why.
        }
        return Finish();
    }

    /// <summary>Unreleased: EOF on its stdin, so it exits without creating anything; this waits for that.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _process.StandardInput.Close();
            Finish();
        }
        _process.Dispose();
    }

    private ShimResult Finish()
    {
        _finished = true;
        _process.WaitForExit();
        return new ShimResult(_process.ExitCode, _stdout.GetAwaiter().GetResult(), _stderr.GetAwaiter().GetResult());
    }
}
