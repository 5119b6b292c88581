using System.Security.Cryptography;

namespace ContainerPS.Engine.Runtime;

/// <summary>Container ids: 64 random hex digits, as docker's; users may type any unique prefix.</summary>
internal static class ContainerIds
{
    public const int Length = 64;
    public const int ShortLength = 12;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static bool IsId(string text) => text.Length == Length && IsHex(text);

    public static bool IsHex(string text) => text.Length > 0 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string Short(string id) => id[..Math.Min(ShortLength, id.Length)];
}
