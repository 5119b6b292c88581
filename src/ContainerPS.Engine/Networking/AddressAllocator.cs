using System.Net;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// IPAM for one bridge network: the lowest host address of the subnet that is neither the gateway nor held by a
/// container's attachment, and that <paramref name="tryLease"/> can lease on the bridge (another store may hold it).
/// Call it under the networks lock, with every attachment of the store.
/// </summary>
internal static class AddressAllocator
{
    public static IPAddress Next(NetworkDefinition network, IEnumerable<NetworkAttachment> attachments, Func<IPAddress, bool> tryLease)
    {
        var subnet = Ipv4Subnet.Parse(network.Subnet);
        var taken = attachments.Where(a => a.Network == network.Name).Select(a => a.IPAddress).ToHashSet();
        taken.Add(network.Gateway);
        return subnet.Hosts().FirstOrDefault(a => !taken.Contains(a.ToString()) && tryLease(a))
            ?? throw Fail.Unavailable("NetworkAddressesExhausted", $"Network '{network.Name}' ({subnet}) has no free address left.", network.Name);
    }
}
