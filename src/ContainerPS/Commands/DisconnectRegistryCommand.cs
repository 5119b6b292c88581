using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>Logs out of registries (docker logout): erases their stored credentials from config.json and the credential helper.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Registry", SupportsShouldProcess = true)]
public sealed class DisconnectRegistryCommand : ContainerPSCmdlet
{
    /// <summary>The registry hosts, <c>host[:port]</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Registry { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var registry in Registry)
        {
            Attempt(() =>
            {
                var domain = Engine.Registry.RegistryLoginService.DomainOf(registry);
                if (!ShouldProcess(domain, "Erase the stored credential")) return;
                // As docker logout: not being logged in is no error.
                WriteVerbose(new Engine.Registry.RegistryLoginService().Disconnect(domain) ? $"Logged out of {domain}." : $"Not logged in to {domain}.");
            });
        }
    }
}
