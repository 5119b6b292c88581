using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Runs a command in running containers (docker exec), with the container's own user, environment and working
/// directory unless -User, -Environment or -WorkingDirectory say otherwise. As Start-Container -Wait: stdout lines
/// go to the success stream as they come, stderr lines are non-terminating errors (ContainerStderr), and the exit
/// code is reported as a native command's: $LASTEXITCODE, and a ContainerCommandFailed error carrying it when
/// $PSNativeCommandUseErrorActionPreference is $true. With -PassThru it writes one ContainerExecResult instead
/// (output, error lines and exit code; it sets $LASTEXITCODE, and a non-zero exit is then never an error).
/// Ctrl+C kills the command.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerCommand", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(string))]
[OutputType(typeof(ContainerExecResult))]
public sealed class InvokeContainerCommandCommand : ContainerExecCmdlet
{
    /// <summary>The program and its arguments; the program is looked up along the container's PATH.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = [];

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, $"Run '{string.Join(' ', Command)}'")) return;
        using var exec = Containers.Exec(container.Id, ExecOptionsFor(Command));
        if (PassThru) WritePassThru(container, exec);
        else WriteStreams(container, exec);
    }

    private void WriteStreams(ContainerInfo container, ContainerExec exec)
    {
        foreach (var line in exec.Output(StopToken))
        {
            if (line.Stream == LogStream.Stdout) WriteObject(line.Text);
            else WriteError(new ErrorRecord(new RemoteException(line.Text), "ContainerStderr", ErrorCategory.NotSpecified, container.Name));
        }

        int exitCode = exec.ExitCode;
        WriteVerbose($"'{string.Join(' ', Command)}' exited with code {exitCode} in container {container.Name}.");
        NativeExitCode.Report(this, exitCode, () => new ErrorRecord(new ContainerCommandFailedException(container.Name, Command, exitCode),
            "ContainerCommandFailed", ErrorCategory.NotSpecified, container.Name));
    }

    private void WritePassThru(ContainerInfo container, ContainerExec exec)
    {
        var output = new List<string>();
        var error = new List<string>();
        foreach (var line in exec.Output(StopToken)) (line.Stream == LogStream.Stdout ? output : error).Add(line.Text);
        int exitCode = exec.ExitCode;
        WriteObject(new ContainerExecResult
        {
            ContainerName = container.Name, ContainerId = container.Id, Command = Command, ExitCode = exitCode,
            Output = [.. output], Error = [.. error],
        });
        NativeExitCode.SetLastExitCode(this, exitCode);
    }
}
