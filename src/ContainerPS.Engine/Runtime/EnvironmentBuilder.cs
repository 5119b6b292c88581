using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The container's environment in docker's order of precedence: PATH and HOSTNAME first, then the image's Env,
/// then the environment files, then -Environment; a later value replaces an earlier one in place. HOME comes from
/// the user's passwd entry when nothing set it.
/// </summary>
internal sealed class EnvironmentBuilder
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public EnvironmentBuilder Set(string key, string value)
    {
        if (!_values.ContainsKey(key)) _keys.Add(key);
        _values[key] = value;
        return this;
    }

    public EnvironmentBuilder SetAll(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var (key, value) in pairs) Set(key, value);
        return this;
    }

    /// <summary>Adds <c>KEY=VALUE</c> strings as an image config holds them; an entry without '=' is ignored.</summary>
    public EnvironmentBuilder SetImageEnv(IEnumerable<string>? entries)
    {
        foreach (var entry in entries ?? [])
        {
            var separator = entry.IndexOf('=');
            if (separator > 0) Set(entry[..separator], entry[(separator + 1)..]);
        }

        return this;
    }

    public EnvironmentBuilder SetIfMissing(string key, string value) => _values.ContainsKey(key) ? this : Set(key, value);

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public List<string> Build() => [.. _keys.Select(k => $"{k}={_values[k]}")];

    public static void ValidateKey(string key, string source)
    {
        if (key.Length == 0 || key.Contains('=') || key.Contains('\0') || key.Any(char.IsWhiteSpace))
            throw Fail.InvalidArgument("InvalidEnvironment", $"'{key}' (from {source}) is not an environment variable name.", key);
    }
}
