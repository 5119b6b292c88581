using System.Text.Json;
using ContainerPS.Engine.Security;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Security;

/// <summary>
/// The oracle's reader of docker's profile JSON (moby profiles/seccomp, types.go): defaultAction, defaultErrnoRet,
/// archMap, syscalls with names, action, errnoRet, args and includes/excludes {caps, arches, minKernel}, into the
/// engine's SeccompProfile so that both profiles go through the same resolver.
/// </summary>
internal static class DockerSeccompProfileReader
{
    public static SeccompProfile Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return new SeccompProfile
        {
            DefaultAction = root.GetProperty("defaultAction").GetString()!,
            DefaultErrnoRet = OptionalUInt(root, "defaultErrnoRet"),
            ArchMap = root.GetProperty("archMap").EnumerateArray().ToDictionary(
                entry => SeccompArchitecture.FromScmp(entry.GetProperty("architecture").GetString()!),
                entry => (IReadOnlyList<string>)Strings(entry, "subArchitectures").Select(SeccompArchitecture.FromScmp).ToList()),
            Rules = root.GetProperty("syscalls").EnumerateArray().Select(ReadRule).ToList(),
        };
    }

    private static SeccompRule ReadRule(JsonElement syscall) => new()
    {
        Names = syscall.TryGetProperty("names", out _) ? Strings(syscall, "names") : [syscall.GetProperty("name").GetString()!],
        Action = syscall.GetProperty("action").GetString()!,
        ErrnoRet = OptionalUInt(syscall, "errnoRet"),
        Args = syscall.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
            ? args.EnumerateArray().Select(ReadArg).ToList()
            : [],
        When = ReadConditions(syscall),
    };

    private static SeccompArgSpec ReadArg(JsonElement arg) => new()
    {
        Index = arg.GetProperty("index").GetUInt32(),
        Value = arg.GetProperty("value").GetUInt64(),
        ValueTwo = arg.TryGetProperty("valueTwo", out var two) ? two.GetUInt64() : 0,
        Op = arg.GetProperty("op").GetString()!,
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

    private static List<string> Strings(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString()!).ToList()
            : [];

    private static uint? OptionalUInt(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetUInt32() : null;
}
