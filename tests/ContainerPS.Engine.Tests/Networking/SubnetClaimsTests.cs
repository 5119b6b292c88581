using System.Text.Json;
using ContainerPS.Engine.Networking;

namespace ContainerPS.Engine.Tests.Networking;

public sealed class SubnetClaimsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("containerps-claims-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_claim_counts_while_its_holder_defines_that_subnet_and_goes_with_its_release()
    {
        var claims = new SubnetClaims(Path.Combine(_directory, "net-1"));
        var holder = Holder("front", "10.123.0.0/24");
        var subnet = Ipv4Subnet.Parse("10.123.0.0/24");

        claims.Take(subnet, holder);

        Assert.Equal([(subnet, holder)], claims.Live().Select(c => (c.Subnet, c.Holder)));
        claims.Release(subnet, "/somebody/else.json");
        Assert.Single(claims.Live());
        claims.Release(subnet, holder);
        Assert.Empty(claims.Live());
        Assert.False(Directory.Exists(Path.Combine(_directory, "net-1")));
    }

    [Fact]
    public void A_claim_whose_holder_is_gone_or_holds_another_subnet_now_is_stale()
    {
        var claims = new SubnetClaims(Path.Combine(_directory, "net-2"));
        var gone = Path.Combine(_directory, "gone.json");
        var moved = Holder("moved", "10.124.0.0/24");

        claims.Take(Ipv4Subnet.Parse("10.125.0.0/24"), gone);
        claims.Take(Ipv4Subnet.Parse("10.126.0.0/24"), moved);

        Assert.Empty(claims.Live());
    }

    private string Holder(string name, string subnet)
    {
        var path = Path.Combine(_directory, name + ".json");
        var network = new NetworkDefinition { Name = name, Subnet = subnet, Gateway = "10.0.0.1", Interface = "cps-x", Created = DateTimeOffset.UnixEpoch };
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(network, NetworkJsonContext.Default.NetworkDefinition));
        return path;
    }
}
