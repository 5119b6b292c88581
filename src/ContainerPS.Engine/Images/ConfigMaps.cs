using System.Text.Json;

namespace ContainerPS.Engine.Images;

/// <summary>Updates of a config's Env list and its maps, returning new collections so the input config is not changed.</summary>
internal static class ConfigMaps
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>A variable set again replaces its earlier value in place (Docker keeps the order of first definition).</summary>
    public static string[] SetEnv(string[]? env, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new List<string>(env ?? []);
        foreach ((string key, string value) in pairs)
        {
            int index = result.FindIndex(entry => entry == key || entry.StartsWith(key + "=", StringComparison.Ordinal));
            if (index >= 0) result[index] = $"{key}={value}";
            else result.Add($"{key}={value}");
        }
        return [.. result];
    }

    public static Dictionary<string, string> SetLabels(Dictionary<string, string>? labels, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new Dictionary<string, string>(labels ?? [], StringComparer.Ordinal);
        foreach ((string key, string value) in pairs) result[key] = value;
        return result;
    }

    /// <summary>ExposedPorts and Volumes are sets written as maps to empty objects (image-spec config.md).</summary>
    public static Dictionary<string, object> Add(Dictionary<string, object>? set, IEnumerable<string> keys)
    {
        var result = new Dictionary<string, object>(set ?? [], StringComparer.Ordinal);
        foreach (string key in keys) result[key] = EmptyObject;
        return result;
    }
}
