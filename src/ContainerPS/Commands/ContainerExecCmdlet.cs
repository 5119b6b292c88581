using System.Collections;
using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// What Invoke-ContainerCommand and Enter-Container share (docker exec's -u, -e, -w): the process they start in a
/// running container has the container's user, environment and working directory unless these say otherwise.
/// </summary>
public abstract class ContainerExecCmdlet : ContainerTargetCmdlet
{
    /// <summary>name, uid, uid:gid or name:group from the container's /etc/passwd and /etc/group.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>Variables added to the container's environment, or replacing its values.</summary>
    [Parameter]
    public Hashtable? Environment { get; set; }

    /// <summary>An absolute path in the container.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    protected ExecOptions ExecOptionsFor(string[] command) => new()
    {
        Command = command, User = User, WorkingDirectory = WorkingDirectory, Environment = EnvironmentTable.ToDictionary(Environment),
    };
}
