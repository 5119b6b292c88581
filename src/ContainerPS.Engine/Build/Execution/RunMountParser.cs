using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Reads a <c>--mount</c> value, comma-separated <c>key=value</c> options (Dockerfile reference, "RUN --mount"): the
/// type (bind by default), the target (<c>target</c>, <c>dst</c> or <c>destination</c>) and each type's options.
/// A bind is read-only unless <c>rw</c>; a cache and a tmpfs are writable unless <c>ro</c>.
/// </summary>
internal static class RunMountParser
{
    private static readonly string[] Types = ["bind", "cache", "tmpfs", "secret"];

    public static RunMount Parse(string text, SourceLocation at)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = field.Split('=', 2);
            options[pair[0]] = pair.Length == 2 ? pair[1] : null;
        }

        var type = (Take(options, "type") ?? "bind").ToLowerInvariant();
        if (type == "ssh") throw BuildErrors.InvalidMount(at, text, "type=ssh is not supported: ContainerPS forwards no SSH agent into builds");
        if (!Types.Contains(type)) throw BuildErrors.InvalidMount(at, text, $"'{type}' is not a mount type: use bind, cache, tmpfs or secret");
        var id = Take(options, "id");
        var explicitTarget = Take(options, "target") ?? Take(options, "dst") ?? Take(options, "destination");
        if (explicitTarget is null && (type != "secret" || id is null))
            throw BuildErrors.InvalidMount(at, text, type == "secret" ? "a secret needs an id or a target" : "the mount needs a target");
        var target = explicitTarget ?? $"/run/secrets/{id}";
        var mount = new RunMount(text, type, target)
        {
            Source = Take(options, "source") ?? Take(options, "src"),
            From = Take(options, "from"),
            Id = id ?? (type == "secret" ? Path.GetFileName(target) : type == "cache" ? target : null),
            ReadOnly = type == "bind" ? !Flag(options, "rw", at, text) && !Flag(options, "readwrite", at, text) : Flag(options, "ro", at, text) || Flag(options, "readonly", at, text),
            Size = Take(options, "size"),
            Mode = Mode(Take(options, "mode"), at, text),
            Uid = Id(Take(options, "uid"), at, text),
            Gid = Id(Take(options, "gid"), at, text),
            Required = Flag(options, "required", at, text),
        };
        options.Remove("sharing"); // every cache mount is shared: concurrent steps see one directory
        if (options.Keys.FirstOrDefault() is { } unknown) throw BuildErrors.InvalidMount(at, text, $"'{unknown}' is not an option of a {type} mount");
        return mount;
    }

    private static string? Take(Dictionary<string, string?> options, string key) =>
        options.Remove(key, out var value) ? value ?? "" : null;

    private static bool Flag(Dictionary<string, string?> options, string key, SourceLocation at, string text)
    {
        if (!options.Remove(key, out var value)) return false;
        if (value is null) return true;
        return bool.TryParse(value, out var flag) ? flag : throw BuildErrors.InvalidMount(at, text, $"{key}={value} is not true or false");
    }

    private static ushort? Mode(string? text, SourceLocation at, string whole)
    {
        if (text is null) return null;
        try
        {
            return Convert.ToUInt16(text, 8);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw BuildErrors.InvalidMount(at, whole, $"mode={text} is not an octal mode");
        }
    }

    private static uint? Id(string? text, SourceLocation at, string whole) =>
        text is null ? null : uint.TryParse(text, out var id) ? id : throw BuildErrors.InvalidMount(at, whole, $"'{text}' is not a numeric id");
}
