using System.Text.Json;
using ContainerPS.Runtime;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// A command running in a container (docker exec), started by <see cref="ContainerService.Exec"/>. Read
/// <see cref="Output"/> to its end (on any thread; lines come as the process writes them), then
/// <see cref="ExitCode"/>. A command that could not be started at all is ExecFailed (not found, not executable,
/// a user or working directory the kernel refused), ContainerNotRunning when the container stopped meanwhile.
/// Its temporary directory (the process object and the status file) goes with <see cref="Dispose"/>.
/// </summary>
public sealed class ContainerExec : IDisposable
{
    private readonly ExecRun _run;
    private readonly DirectoryInfo _work;
    private readonly string _containerName;
    private int? _exitCode;

    internal ContainerExec(ExecRun run, DirectoryInfo work, string containerId, string containerName)
    {
        _run = run;
        _work = work;
        ContainerId = containerId;
        _containerName = containerName;
    }

    public string ContainerId { get; }

    /// <summary>The process's stdout and stderr lines, until it has exited; cancelling kills it.</summary>
    public IEnumerable<ExecOutputLine> Output(CancellationToken ct = default) => _run.Lines(ct);

    /// <summary>The process's exit code (128 + signal when a signal ended it), once <see cref="Output"/> has been read to its end.</summary>
    public int ExitCode => _exitCode ??= Finish();

    private int Finish()
    {
        int shimExit = _run.ExitCode;
        return ExecStatus.Read(StatusFile(_work.FullName), _run.StandardError).ExitCodeOrThrow(_containerName, shimExit);
    }

    internal static string ProcessFile(string work) => Path.Combine(work, "process.json");

    internal static string StatusFile(string work) => Path.Combine(work, "status");

    /// <summary>A 0700 directory with the process object for the shim; the shim writes the status file next to it.</summary>
    internal static DirectoryInfo Prepare(ContainerPS.Runtime.Spec.ProcessSpec process)
    {
        var work = Directory.CreateTempSubdirectory("containerps-exec-");
        File.WriteAllBytes(ProcessFile(work.FullName), JsonSerializer.SerializeToUtf8Bytes(process, RuntimeJsonContext.Default.ProcessSpec));
        return work;
    }

    public void Dispose()
    {
        _run.Dispose();
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
