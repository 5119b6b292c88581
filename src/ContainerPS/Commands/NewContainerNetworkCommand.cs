using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>Creates a bridge network: a bridge device with the gateway address, NAT for the subnet (docker network create).</summary>
[Cmdlet(VerbsCommon.New, "ContainerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ContainerNetwork))]
public sealed class NewContainerNetworkCommand : ContainerCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>IPv4 CIDR, such as 10.89.5.0/24; a free /24 of 10.89.0.0/16 when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Subnet { get; set; }

    /// <summary>The bridge's address; the subnet's first address when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Gateway { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Create container network")) return;
        Attempt(() => WriteObject(ContainerNetwork.From(Containers.Networks.Create(Name, Subnet, Gateway, StopToken))));
    }
}
