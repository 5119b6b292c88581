using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Tests.Pull;

public sealed class PlatformSelectorTests
{
    private static readonly ImageReference Reference = ImageReference.Parse("localhost:5000/multi");

    private static Descriptor Entry(int n, string os, string arch, string? variant = null, bool attestation = false) => new()
    {
        MediaType = MediaTypes.OciManifest,
        Digest = Digest.Sha256Of([(byte)n]),
        Size = 100 + n,
        Platform = new Platform { Os = os, Architecture = arch, Variant = variant },
        Annotations = attestation ? new() { ["vnd.docker.reference.type"] = "attestation-manifest" } : null,
    };

    private static readonly ImageIndex Index = new()
    {
        Manifests = [Entry(0, "unknown", "unknown", attestation: true), Entry(1, "linux", "amd64"), Entry(2, "linux", "arm64", "v8"), Entry(3, "linux", "arm", "v6"), Entry(4, "linux", "arm", "v7")],
    };

    [Theory]
    [InlineData("linux/amd64", 1)]
    [InlineData("linux/arm64", 2)]
    [InlineData("linux/arm64/v8", 2)]
    [InlineData("linux/aarch64", 2)]
    [InlineData("linux/arm/v7", 4)]
    [InlineData("linux/arm/v6", 3)]
    public void Picks_the_entry_for_the_wanted_platform(string wanted, int expected) =>
        Assert.Equal(Entry(expected, "", "").Digest, PlatformSelector.Select(Index, Platform.Parse(wanted), Reference).Digest);

    [Fact]
    public void Never_picks_an_attestation_manifest()
    {
        var onlyAttestation = new ImageIndex { Manifests = [Entry(0, "unknown", "unknown", attestation: true)] };

        var error = Assert.Throws<ContainerPSException>(() => PlatformSelector.Select(onlyAttestation, Platform.Parse("linux/amd64"), Reference));
        Assert.Equal("PlatformNotFound", error.ErrorId);
    }

    [Fact]
    public void A_missing_platform_is_PlatformNotFound_naming_what_exists()
    {
        var error = Assert.Throws<ContainerPSException>(() => PlatformSelector.Select(Index, Platform.Parse("linux/s390x"), Reference));

        Assert.Equal("PlatformNotFound", error.ErrorId);
        Assert.Contains("linux/arm64/v8", error.Message);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("a/b/c/d")]
    public void An_invalid_platform_string_is_InvalidPlatform(string text) =>
        Assert.Equal("InvalidPlatform", Assert.Throws<ContainerPSException>(() => Platform.Parse(text)).ErrorId);
}
