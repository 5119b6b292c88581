using System.Text;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;

namespace ContainerPS.Engine.Tests.Pull;

public sealed class ChainIdsTests
{
    [Fact]
    public void Follows_the_image_spec_recursion()
    {
        var a = Digest.Sha256Of("a"u8);
        var b = Digest.Sha256Of("b"u8);
        var c = Digest.Sha256Of("c"u8);

        var chain = ChainIds.Compute([a, b, c]);

        var ab = Digest.Sha256Of(Encoding.ASCII.GetBytes($"{a} {b}"));
        Assert.Equal([a, ab, Digest.Sha256Of(Encoding.ASCII.GetBytes($"{ab} {c}"))], chain);
    }
}
