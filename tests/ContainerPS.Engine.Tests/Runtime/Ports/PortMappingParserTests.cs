using System.Net;
using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Runtime.Ports;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Runtime.Ports;

/// <summary>docker run -p's syntax, what -PublishAll adds, and the annotation the supervisor reads.</summary>
public sealed class PortMappingParserTests
{
    [Theory]
    [InlineData("80", "0.0.0.0:0->80/tcp")]
    [InlineData("8080:80", "0.0.0.0:8080->80/tcp")]
    [InlineData("8080:80/tcp", "0.0.0.0:8080->80/tcp")]
    [InlineData("53:53/udp", "0.0.0.0:53->53/udp")]
    [InlineData("5353/UDP", "0.0.0.0:0->5353/udp")]
    [InlineData("127.0.0.1:8080:80", "127.0.0.1:8080->80/tcp")]
    [InlineData("127.0.0.1::80", "127.0.0.1:0->80/tcp")]
    [InlineData(":8080:80", "0.0.0.0:8080->80/tcp")]
    [InlineData("65535:1", "0.0.0.0:65535->1/tcp")]
    public void A_single_mapping_parses_as_docker_reads_it(string mapping, string expected)
    {
        var binding = Assert.Single(PortMappingParser.Parse(mapping));

        Assert.Equal(expected, binding.ToString());
    }

    [Fact]
    public void Ranges_map_port_by_port()
    {
        Assert.Equal(["0.0.0.0:8000->80/tcp", "0.0.0.0:8001->81/tcp", "0.0.0.0:8002->82/tcp"],
            PortMappingParser.Parse("8000-8002:80-82").Select(b => b.ToString()));
        Assert.Equal(["127.0.0.1:0->7000/udp", "127.0.0.1:0->7001/udp"],
            PortMappingParser.Parse("127.0.0.1::7000-7001/udp").Select(b => b.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("8080:0")]
    [InlineData("-1:80")]
    [InlineData("80/sctp")]
    [InlineData("80/")]
    [InlineData("1.2.3:80:80")]
    [InlineData("localhost:80:80")]
    [InlineData("[::1]:80:80")]
    [InlineData("1:2:3:4")]
    [InlineData("8000-8001:80")]
    [InlineData("90-80")]
    [InlineData(" 80")]
    public void A_malformed_mapping_is_InvalidPortMapping(string mapping)
    {
        var error = Assert.Throws<ContainerPSException>(() => PortMappingParser.Parse(mapping));

        Assert.Equal("InvalidPortMapping", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void PublishAll_adds_the_image_s_exposed_ports_to_free_host_ports_unless_mapped_already()
    {
        var options = new CreateOptions { Image = "x", Publish = ["8080:80"], PublishAll = true };
        var image = new ContainerConfig { ExposedPorts = new() { ["80/tcp"] = new(), ["53/udp"] = new(), ["9000"] = new() } };

        var bindings = ExposedPorts.Bindings(options, image);

        Assert.Equal(["0.0.0.0:8080->80/tcp", "0.0.0.0:0->53/udp", "0.0.0.0:0->9000/tcp"], bindings.Select(b => b.ToString()));
    }

    [Fact]
    public void Without_PublishAll_the_exposed_ports_stay_unpublished()
    {
        var image = new ContainerConfig { ExposedPorts = new() { ["80/tcp"] = new() } };

        Assert.Empty(ExposedPorts.Bindings(new CreateOptions { Image = "x" }, image));
    }

    [Fact]
    public void Publishing_with_network_None_is_PortsNeedNetwork_and_with_Host_targets_the_loopback()
    {
        var bindings = PortMappingParser.Parse("8080:80");

        Assert.Equal("PortsNeedNetwork", Assert.Throws<ContainerPSException>(() => PublishTarget.Validate("none", bindings)).ErrorId);
        PublishTarget.Validate("none", []);
        Assert.Equal(IPAddress.Loopback, PublishTarget.Address("Host", null));
    }

    [Fact]
    public void The_annotation_lists_each_port_with_the_target_address_and_goes_when_nothing_is_published()
    {
        var spec = new RuntimeSpec { Annotations = new() { ["other"] = "kept" } };

        var written = PublishedPortsAnnotation.Write(spec, PortMappingParser.Parse("127.0.0.1:8080:80/udp"), IPAddress.Parse("10.88.0.2"));
        var ports = JsonSerializer.Deserialize(written.Annotations![Annotations.PublishedPorts], RuntimeJsonContext.Default.ListPublishedPort)!;

        var port = Assert.Single(ports);
        Assert.Equal(new PublishedPort { Protocol = "udp", HostIp = "127.0.0.1", HostPort = 8080, TargetIp = "10.88.0.2", TargetPort = 80 }, port);
        Assert.Equal("kept", written.Annotations["other"]);
        Assert.False(PublishedPortsAnnotation.Write(written, [], IPAddress.Loopback).Annotations!.ContainsKey(Annotations.PublishedPorts));
    }

    [Fact]
    public void Bound_ports_from_state_json_are_reported_as_host_to_container_ports()
    {
        var bound = PublishedPortsAnnotation.Bound([new PublishedPort { HostIp = "127.0.0.1", HostPort = 41234, TargetIp = "127.0.0.1", TargetPort = 80 }]);

        Assert.Equal("127.0.0.1:41234->80/tcp", Assert.Single(bound).ToString());
        Assert.Empty(PublishedPortsAnnotation.Bound(null));
    }

    [Fact]
    public void A_container_json_written_before_ports_existed_publishes_nothing()
    {
        const string json = """
            {"id":"abc","name":"old","image":"busybox","imageId":"sha256:x","created":"2026-01-01T00:00:00Z","command":["sh"],
             "hostname":"h","stopSignal":"SIGTERM","options":{"image":"busybox"}}
            """;

        var record = JsonSerializer.Deserialize(json, ContainerJsonContext.Default.ContainerRecord)!;

        Assert.Empty(record.Ports);
    }
}
