using System.Security.Cryptography;
using System.Text;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// The build cache's keys (docs/build.md, "Cache"): each step's key hashes its parent's key with what decides the
/// step's result, so a change in one step changes the key of that step and of every step after it, never before.
/// Every part is length-prefixed, so no two different lists of parts hash alike.
/// </summary>
internal static class CacheKey
{
    /// <summary>Bumped when what a step produces for the same inputs changes, so old results are not reused.</summary>
    private const string Version = "containerps-build-v1";

    public static string Next(string parent, params IEnumerable<string> parts)
    {
        var text = new StringBuilder(Version).Append('\n').Append(parent);
        foreach (var part in parts) text.Append('\n').Append(part.Length).Append(':').Append(part);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The arguments a step sees, in a fixed order.</summary>
    public static string Of(IReadOnlyDictionary<string, string> arguments) =>
        string.Join('\0', arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}
