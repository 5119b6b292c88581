using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Networking;

namespace ContainerPS.Engine.Tests.Networking;

public sealed class NetworkFilesTests
{
    [Theory]
    [InlineData("nameserver 127.0.0.53\nsearch lan\n", "search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n")]
    [InlineData("nameserver 10.0.0.2\nnameserver 127.0.0.1\noptions ndots:2\n", "nameserver 10.0.0.2\noptions ndots:2\n")]
    [InlineData("nameserver ::1\nnameserver fd00::1\n", "nameserver fd00::1\n")]
    [InlineData("", "nameserver 8.8.8.8\nnameserver 8.8.4.4\n")]
    public void Resolv_conf_drops_loopback_nameservers_and_falls_back_to_docker_s_defaults(string host, string expected) =>
        Assert.Equal(expected, ResolvConf.ForContainer(host));

    [Fact]
    public void Hosts_lists_loopback_the_container_itself_and_its_peers_by_name()
    {
        var text = HostsFile.Build(("10.88.0.3", ["abc123", "web"]), [("10.88.0.2", "db")]);

        Assert.StartsWith("127.0.0.1\tlocalhost\n", text);
        Assert.Contains("\n10.88.0.3\tabc123 web\n", text);
        Assert.EndsWith("\n10.88.0.2\tdb\n", text);
    }

    [Theory]
    [InlineData("10.88.0.0/16", "10.88.255.255", "10.88.0.1")]
    [InlineData("192.168.7.0/24", "192.168.7.255", "192.168.7.1")]
    public void A_subnet_knows_its_broadcast_and_first_host(string cidr, string broadcast, string first)
    {
        var subnet = Ipv4Subnet.Parse(cidr);

        Assert.Equal(broadcast, subnet.Broadcast.ToString());
        Assert.Equal(first, subnet.FirstHost.ToString());
        Assert.Equal(cidr, subnet.ToString());
    }

    [Theory]
    [InlineData("10.88.0.1/16")]
    [InlineData("10.88.0.0")]
    [InlineData("10.88.0.0/31")]
    [InlineData("fd00::/64")]
    [InlineData("banana/24")]
    public void Bad_subnets_are_InvalidSubnet(string cidr) =>
        Assert.Equal("InvalidSubnet", Assert.Throws<ContainerPSException>(() => Ipv4Subnet.Parse(cidr)).ErrorId);

    [Theory]
    [InlineData("10.88.0.0/16", "10.88.5.0/24", true)]
    [InlineData("10.88.5.0/24", "10.88.0.0/16", true)]
    [InlineData("10.88.0.0/16", "10.89.0.0/16", false)]
    public void Overlap_is_symmetric(string a, string b, bool overlaps) =>
        Assert.Equal(overlaps, Ipv4Subnet.Parse(a).Overlaps(Ipv4Subnet.Parse(b)));

    [Fact]
    public void The_allocator_skips_the_gateway_taken_addresses_and_those_another_store_leased()
    {
        var network = new NetworkDefinition { Name = "n", Subnet = "10.9.0.0/29", Gateway = "10.9.0.1", Interface = "x", Created = default };
        NetworkAttachment Taken(string ip, string on = "n") => new()
        {
            Network = on, IPAddress = ip, PrefixLength = 29, Gateway = "10.9.0.1", HostInterface = "v", NamespacePath = "/p",
        };

        static bool Free(System.Net.IPAddress _) => true;

        Assert.Equal("10.9.0.2", AddressAllocator.Next(network, [], Free).ToString());
        Assert.Equal("10.9.0.4", AddressAllocator.Next(network, [Taken("10.9.0.2"), Taken("10.9.0.3"), Taken("10.9.0.4", on: "other")], Free).ToString());
        Assert.Equal("10.9.0.3", AddressAllocator.Next(network, [], a => a.ToString() != "10.9.0.2").ToString());
        var full = new[] { "10.9.0.2", "10.9.0.3", "10.9.0.4", "10.9.0.5", "10.9.0.6" }.Select(ip => Taken(ip));
        Assert.Equal("NetworkAddressesExhausted", Assert.Throws<ContainerPSException>(() => AddressAllocator.Next(network, full, Free)).ErrorId);
    }
}
