using System.Security.Cryptography;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Registry;

/// <summary>Digests of in-memory content with the algorithm a reference or descriptor asks for.</summary>
internal static class ContentDigest
{
    public static Digest Of(string algorithm, ReadOnlySpan<byte> content) => algorithm switch
    {
        "sha512" => Digest.Parse("sha512:" + Convert.ToHexStringLower(SHA512.HashData(content))),
        _ => Digest.Sha256Of(content),
    };

    public static bool Matches(Digest expected, ReadOnlySpan<byte> content) => Of(expected.Algorithm, content) == expected;
}
