namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// Reads the <c>from</c> option of a <c>RUN --mount</c> value, a comma-separated <c>key=value</c> list such as
/// <c>type=bind,from=build,source=/out</c> (Dockerfile reference, "RUN --mount"). Keys are case-insensitive and a value
/// may be quoted, as in BuildKit's CSV reading.
/// </summary>
public static class MountFrom
{
    public static string? Of(string mount) =>
        mount.Split(',').Select(Option).LastOrDefault(option => option.Key == "from").Value;

    private static KeyValuePair<string, string?> Option(string field)
    {
        int equals = field.IndexOf('=');
        if (equals < 0) return new(field.Trim().ToLowerInvariant(), null);
        return new(field[..equals].Trim().ToLowerInvariant(), Unquoted(field[(equals + 1)..].Trim()));
    }

    private static string Unquoted(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;
}
