using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Starts an interactive shell (or -Command) in a running container, on a pseudoterminal of the container's that
/// takes over this session's terminal (docker exec -it): keys go to the container (Ctrl+C interrupts the program
/// running there, not this cmdlet), the window size follows this terminal's, and when the shell exits the prompt
/// comes back. Like a native command and ssh, it writes nothing and sets $LASTEXITCODE to the shell's exit code; a
/// non-zero one is a ContainerCommandFailed error only when $PSNativeCommandUseErrorActionPreference is $true (an
/// interactive shell's exit code is that of its last command). Needs a terminal
/// on this session's stdin (TerminalRequired). Several containers (a pipeline, a wildcard) are entered one after another.
/// </summary>
[Cmdlet(VerbsCommon.Enter, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class EnterContainerCommand : ContainerExecCmdlet
{
    /// <summary>The program and its arguments; /bin/sh by default (every image that has a shell has this one).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = ["/bin/sh"];

    /// <summary>Before any work: the shell needs this session's terminal, which a redirected stdin is not.</summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Console.IsInputRedirected)
        {
            ThrowTerminatingError(new ErrorRecord(new PSInvalidOperationException("Enter-Container needs a terminal: this session's stdin is redirected. Use Invoke-ContainerCommand to run a command without one."),
                "TerminalRequired", ErrorCategory.InvalidOperation, null));
        }
    }

    protected override void ProcessContainer(ContainerInfo container)
    {
        // A shell can change anything in the container: -WhatIf and -Confirm as for Invoke-ContainerCommand.
        if (!ShouldProcess(container.Name, $"Enter with '{string.Join(' ', Command)}'")) return;
        int exitCode = Containers.Enter(container.Id, ExecOptionsFor(Command), StopToken);
        WriteVerbose($"'{string.Join(' ', Command)}' exited with code {exitCode} in container {container.Name}.");
        NativeExitCode.Report(this, exitCode, () => new ErrorRecord(new ContainerCommandFailedException(container.Name, Command, exitCode),
            "ContainerCommandFailed", ErrorCategory.NotSpecified, container.Name));
    }
}
