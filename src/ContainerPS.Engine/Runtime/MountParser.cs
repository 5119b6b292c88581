using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>Parses docker's <c>-v host:container[:ro|rw]</c> and <c>--tmpfs container[:options]</c> into runtime-spec mounts.</summary>
internal static class MountParser
{
    /// <summary>docker's --tmpfs defaults (docker run reference, "Mount tmpfs"): no exec, no setuid, no devices.</summary>
    private static readonly string[] TmpfsDefaults = ["nosuid", "nodev", "noexec"];

    public static MountSpec Volume(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
            throw Fail.InvalidArgument("InvalidVolume", $"'{text}' is not a volume: use /host/path:/container/path[:ro].", text);
        var mode = parts.Length == 3 ? parts[2] : "rw";
        if (mode is not ("ro" or "rw"))
            throw Fail.InvalidArgument("InvalidVolume", $"'{mode}' in '{text}' is not a volume mode: use ro or rw.", text);

        var source = Path.GetFullPath(parts[0]);
        if (!Path.Exists(source))
            throw Fail.NotFound("VolumeSourceNotFound", $"The volume source '{source}' does not exist on the host.", text);

        List<string> options = mode == "ro" ? ["rbind", "ro"] : ["rbind"];
        return new MountSpec { Destination = ContainerPath(parts[1], text, "InvalidVolume"), Type = "bind", Source = source, Options = options };
    }

    public static MountSpec Tmpfs(string text)
    {
        var separator = text.IndexOf(':');
        var destination = ContainerPath(separator < 0 ? text : text[..separator], text, "InvalidTmpfs");
        var extra = separator < 0 ? [] : text[(separator + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new MountSpec { Destination = destination, Type = "tmpfs", Source = "tmpfs", Options = [.. TmpfsDefaults, .. extra] };
    }

    /// <summary>An absolute path without <c>..</c>: the supervisor resolves it inside the rootfs, but a clear error here is kinder.</summary>
    public static string ContainerPath(string path, string whole, string errorId)
    {
        if (!path.StartsWith('/') || path.Split('/').Contains(".."))
            throw Fail.InvalidArgument(errorId, $"'{path}' in '{whole}' must be an absolute container path without '..'.", whole);
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
