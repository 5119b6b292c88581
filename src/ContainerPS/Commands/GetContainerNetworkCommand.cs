using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Networking;

namespace ContainerPS.Commands;

/// <summary>Gets the store's networks (docker network ls, docker network inspect); wildcards match names.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerNetwork")]
[OutputType(typeof(ContainerNetwork))]
public sealed class GetContainerNetworkCommand : ContainerCmdlet
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>Network names; wildcards allowed. All networks when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is null)
        {
            Attempt(() => Write(Containers.Networks.List()));
            return;
        }

        foreach (var name in Name) Attempt(() => Write(Matching(name)));
    }

    /// <summary>A wildcard may match nothing; a plain name that names no network is NetworkNotFound.</summary>
    private IEnumerable<NetworkInfo> Matching(string name)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(name)) return [Containers.Networks.Get(name)];
        var pattern = WildcardPattern.Get(name, WildcardOptions.None);
        return Containers.Networks.List().Where(n => pattern.IsMatch(n.Name));
    }

    private void Write(IEnumerable<NetworkInfo> networks)
    {
        foreach (var network in networks)
        {
            if (_written.Add(network.Name)) WriteObject(ContainerNetwork.From(network));
        }
    }
}
