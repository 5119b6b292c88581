using ContainerPS.Engine.Networking;

namespace ContainerPS.Engine.Tests.Networking;

public sealed class HostRoutesTests
{
    [Fact]
    public void The_main_table_s_routes_are_read_with_their_device_and_the_default_route_and_down_routes_left_out()
    {
        string[] lines =
        [
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
            "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
            "lo\t0000840A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
            "cps-x\t0000850A\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        ];

        var routes = HostRoutes.Parse(lines);

        Assert.Equal([("192.0.2.0/24", "eth0"), ("10.132.0.0/24", "lo")], routes.Select(r => (r.Subnet.ToString(), r.Device)));
    }
}
