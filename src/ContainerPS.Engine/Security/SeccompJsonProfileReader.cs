using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>
/// A profile file for -SecurityOption seccomp=PATH: docker's profile JSON (defaultAction, defaultErrnoRet,
/// architectures or archMap, flags, syscalls with name or names, action, errnoRet, args and includes/excludes
/// {caps, arches, minKernel}) or a plain OCI linux.seccomp object, which is the same without the conditions. Read
/// into SeccompProfile so it goes through the same resolver as the default profile; every name is checked against
/// the spec's (SeccompNames): a profile that does not say what it means is refused, not half-applied.
/// </summary>
public static class SeccompJsonProfileReader
{
    public const int MaxBytes = 4 << 20;

    public static SeccompProfile Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw Fail.NotFound("SeccompProfileNotFound", $"The seccomp profile '{path}' does not exist.", path);
        if (file.Length > MaxBytes) throw Invalid(path, $"it is larger than {MaxBytes} bytes");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var profile = ReadProfile(document.RootElement, path);
            SeccompProfileCheck.Validate(profile, path);
            return profile;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException or OverflowException)
        {
            throw Invalid(path, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail.PermissionDenied("SeccompProfileUnreadable", $"The seccomp profile '{path}' cannot be read: {e.Message}", path, e);
        }
    }

    internal static ContainerPSException Invalid(string path, string problem, Exception? inner = null) =>
        Fail.InvalidArgument(SeccompProfileParser.InvalidId, $"The seccomp profile '{path}' is not valid: {problem}.", path, inner);

    private static SeccompProfile ReadProfile(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Invalid(path, "it is not a JSON object");
        if (root.TryGetProperty("listenerPath", out var listener) && listener.ValueKind == JsonValueKind.String)
        {
            throw Fail.NotSupported("SeccompNotifyNotSupported", $"The seccomp profile '{path}' needs a listener (listenerPath): ContainerPS does not serve seccomp notifications.", path);
        }
        return new SeccompProfile
        {
            DefaultAction = RequiredString(root, "defaultAction"),
            DefaultErrnoRet = OptionalUInt(root, "defaultErrnoRet"),
            Architectures = Strings(root, "architectures"),
            Flags = Strings(root, "flags"),
            ArchMap = root.TryGetProperty("archMap", out var map) && map.ValueKind == JsonValueKind.Array
                ? map.EnumerateArray().ToDictionary(
                    entry => SeccompArchitecture.FromScmp(RequiredString(entry, "architecture")),
                    entry => (IReadOnlyList<string>)Strings(entry, "subArchitectures").Select(SeccompArchitecture.FromScmp).ToList())
                : new Dictionary<string, IReadOnlyList<string>>(),
            Rules = root.TryGetProperty("syscalls", out var syscalls) && syscalls.ValueKind == JsonValueKind.Array
                ? syscalls.EnumerateArray().Select(ReadRule).ToList()
                : [],
        };
    }

    private static SeccompRule ReadRule(JsonElement syscall) => new()
    {
        Names = syscall.TryGetProperty("names", out _) ? Strings(syscall, "names") : [RequiredString(syscall, "name")],
        Action = RequiredString(syscall, "action"),
        ErrnoRet = OptionalUInt(syscall, "errnoRet"),
        Args = syscall.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array ? args.EnumerateArray().Select(ReadArg).ToList() : [],
        When = ReadConditions(syscall),
    };

    private static SeccompArgSpec ReadArg(JsonElement arg) => new()
    {
        Index = Required(arg, "index").GetUInt32(),
        Value = arg.TryGetProperty("value", out var value) ? value.GetUInt64() : 0,
        ValueTwo = arg.TryGetProperty("valueTwo", out var two) ? two.GetUInt64() : 0,
        Op = RequiredString(arg, "op"),
    };

    private static SeccompConditions ReadConditions(JsonElement syscall)
    {
        var includes = syscall.TryGetProperty("includes", out var inc) ? inc : default;
        var excludes = syscall.TryGetProperty("excludes", out var exc) ? exc : default;
        return new SeccompConditions
        {
            IfCaps = Strings(includes, "caps"),
            UnlessCaps = Strings(excludes, "caps"),
            IfArches = Strings(includes, "arches").Select(SeccompArchitecture.Normalize).ToList(),
            UnlessArches = Strings(excludes, "arches").Select(SeccompArchitecture.Normalize).ToList(),
            MinKernel = includes.ValueKind == JsonValueKind.Object && includes.TryGetProperty("minKernel", out var kernel)
                ? Version.Parse(kernel.GetString()!)
                : null,
        };
    }

    /// <summary>A field the format requires; its absence is named in the error (the outer catch makes it SeccompProfileInvalid).</summary>
    private static JsonElement Required(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"'{property}' is missing");

    private static string RequiredString(JsonElement element, string property) =>
        Required(element, property).GetString() is { Length: > 0 } text ? text : throw new FormatException($"'{property}' is empty");

    private static List<string> Strings(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString()!).ToList()
            : [];

    private static uint? OptionalUInt(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetUInt32() : null;
}
