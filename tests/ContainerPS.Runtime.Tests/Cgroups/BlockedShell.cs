using System.Diagnostics;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>
/// A busybox shell that waits for one line on stdin before running its script, so a test can move it into a cgroup
/// before it does anything that should be charged or limited there.
/// </summary>
internal sealed class BlockedShell : IDisposable
{
    private readonly Process _process;

    public BlockedShell(string script)
    {
        var start = new ProcessStartInfo("/bin/busybox")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "sh", "-c", "read go; " + script })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
    }

    public int Pid => _process.Id;

    /// <summary>Lets the script run and waits for the shell to exit; returns its exit code (128 + signal when killed).</summary>
    public int ReleaseAndWait()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Close();
        var stdout = _process.StandardOutput.ReadToEndAsync();
        var stderr = _process.StandardError.ReadToEndAsync();
        _process.WaitForExit();
        StandardOutput = stdout.Result;
        StandardError = stderr.Result;
        return _process.ExitCode;
    }

    public string StandardOutput { get; private set; } = "";

    public string StandardError { get; private set; } = "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
