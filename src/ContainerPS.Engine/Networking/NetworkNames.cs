using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// docker's network words: <c>bridge</c> (the default network), <c>host</c> and <c>none</c> (no network of their
/// own), all three reserved and always listed, and the names users give their networks (docker's pattern for names).
/// </summary>
public static partial class NetworkNames
{
    public const string Bridge = "bridge", Host = "host", None = "none";

    /// <summary>The -Network value as the engine keeps it: the three docker words in lower case, any other name as given.</summary>
    public static string Normalize(string? network)
    {
        if (string.IsNullOrEmpty(network)) return Bridge;
        foreach (var word in new[] { Bridge, Host, None })
        {
            if (string.Equals(network, word, StringComparison.OrdinalIgnoreCase)) return word;
        }
        return network;
    }

    /// <summary>The three networks that are always there (docker's pre-defined networks), in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = [Bridge, Host, None];

    public static bool IsBuiltIn(string network) => BuiltIn.Contains(Normalize(network));

    /// <summary>True for every network that a bridge serves: the default one and the users'.</summary>
    public static bool IsBridged(string network) => network is not (Host or None);

    public static void ValidateNew(string name)
    {
        if (!Pattern().IsMatch(name) || name.Length > 64)
            throw Fail.InvalidArgument("InvalidNetworkName", $"'{name}' is not a valid network name: letters, digits, '_', '.', '-', starting with a letter or digit.", name);
        if (IsBuiltIn(name))
            throw Fail.InvalidArgument("InvalidNetworkName", $"The network name '{name}' is reserved.", name);
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex Pattern();
}
