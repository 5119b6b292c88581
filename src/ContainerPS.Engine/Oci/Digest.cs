using System.Security.Cryptography;
using System.Text.Json.Serialization;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Oci;

/// <summary>
/// A content digest, <c>algorithm:hex</c> (image-spec descriptor.md, "Digests"). Only sha256 and sha512 with
/// lowercase hex of the exact length are accepted, so a digest read from a hostile manifest
/// (<c>sha256:../../x</c>) is rejected before it is used in any path or URL.
/// </summary>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest
{
    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    public static Digest Parse(string? value) =>
        TryParse(value, out var digest)
            ? digest
            : throw Fail.InvalidArgument("InvalidDigest", $"'{value}' is not a valid digest: expected sha256:<64 hex> or sha512:<128 hex>.", value);

    public static bool TryParse(string? value, out Digest digest)
    {
        digest = default;
        if (string.IsNullOrEmpty(value)) return false;
        var colon = value.IndexOf(':');
        if (colon < 0) return false;
        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        var expectedLength = algorithm switch { "sha256" => 64, "sha512" => 128, _ => -1 };
        if (hex.Length != expectedLength || !hex.All(IsLowerHex)) return false;
        digest = new Digest(algorithm, hex);
        return true;
    }

    /// <summary>The sha256 digest of a byte buffer.</summary>
    public static Digest Sha256Of(ReadOnlySpan<byte> content) => FromSha256Hash(SHA256.HashData(content));

    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new("sha256", Convert.ToHexStringLower(hash));

    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Hex}";

    /// <summary>The short id Docker shows: the first 12 hex characters.</summary>
    public string ShortId => Hex is null ? string.Empty : Hex[..12];

    private static bool IsLowerHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
}
