using System.Text;
using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Oci;

public sealed class DigestTests
{
    [Theory]
    [InlineData("sha256:../../x")]
    [InlineData("sha256:ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256:abc")]
    [InlineData("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("")]
    public void A_malformed_digest_is_rejected_before_it_reaches_a_path(string text)
    {
        Assert.False(Digest.TryParse(text, out _));
        Assert.Equal("InvalidDigest", Assert.Throws<ContainerPSException>(() => Digest.Parse(text)).ErrorId);
    }

    [Fact]
    public void Sha256_of_empty_content_is_the_well_known_value() =>
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest.Sha256Of([]).ToString());

    [Fact]
    public void A_manifest_with_a_hostile_digest_does_not_parse()
    {
        var json = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:../../etc/passwd","size":1},"layers":[]}""");

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OciJsonContext.Default.ImageManifest));
    }
}
