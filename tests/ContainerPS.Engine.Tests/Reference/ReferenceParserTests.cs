using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Tests.Reference;

public sealed class ReferenceParserTests
{
    private const string Hex = "3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", null)]
    [InlineData("library/busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("index.docker.io/library/busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("user/app", "docker.io", "user/app", "latest", null)]
    [InlineData("localhost/x", "localhost", "x", "latest", null)]
    [InlineData("localhost:5000/x", "localhost:5000", "x", "latest", null)]
    [InlineData("127.0.0.1:5000/team/app:v1.2_3", "127.0.0.1:5000", "team/app", "v1.2_3", null)]
    [InlineData("Host/ns/x", "Host", "ns/x", "latest", null)]
    [InlineData("host.example/ns/x@sha256:" + Hex, "host.example", "ns/x", null, "sha256:" + Hex)]
    [InlineData("host.example/ns/x:tag@sha256:" + Hex, "host.example", "ns/x", "tag", "sha256:" + Hex)]
    [InlineData("a.b/c__d/e-f/g.h/i--j", "a.b", "c__d/e-f/g.h/i--j", "latest", null)]
    [InlineData("[::1]:5000/x", "[::1]:5000", "x", "latest", null)]
    public void Normalises_references_as_docker_does(string text, string domain, string path, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("UPPER")]
    [InlineData("docker.io/Upper/x")]
    [InlineData("busybox:")]
    [InlineData("busybox:-bad")]
    [InlineData("busybox@sha256:abc")]
    [InlineData("busybox@sha256:../../x")]
    [InlineData("busybox@md5:" + Hex)]
    [InlineData("a//b")]
    [InlineData("a/b/")]
    [InlineData("-leading")]
    [InlineData("double..dot")]
    [InlineData(Hex)]
    [InlineData("host:notaport/x")]
    public void Rejects_invalid_references_with_InvalidReference(string text)
    {
        var error = Assert.Throws<ContainerPSException>(() => ImageReference.Parse(text));

        Assert.Equal("InvalidReference", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Rejects_a_name_longer_than_255_characters()
    {
        var error = Assert.Throws<ContainerPSException>(() => ImageReference.Parse("x/" + new string('a', 260)));

        Assert.Equal("InvalidReference", error.ErrorId);
    }

    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("docker.io/user/app:v1", "user/app:v1")]
    [InlineData("localhost:5000/x:y", "localhost:5000/x:y")]
    public void Familiar_name_shortens_docker_hub_names_only(string text, string familiar) =>
        Assert.Equal(familiar, ImageReference.Parse(text).FamiliarName);

    [Fact]
    public void The_digest_decides_what_is_pulled_when_tag_and_digest_are_both_given()
    {
        var reference = ImageReference.Parse($"busybox:1.36@sha256:{Hex}");

        Assert.Equal($"sha256:{Hex}", reference.ManifestReference);
        Assert.Equal($"docker.io/library/busybox:1.36@sha256:{Hex}", reference.ToString());
    }
}
