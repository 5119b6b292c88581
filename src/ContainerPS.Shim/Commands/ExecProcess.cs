using System.Globalization;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Exec;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// The process `exec` runs: --process FILE as it is, or `exec ID CMD ARGS...`, which runc-exec(8) builds from the
/// container's own config.json process (its env, user, capabilities, rlimits) with the command's args, --env added,
/// --cwd, --user UID[:GID] and --cap added to every set but ambient (as runc's exec does).
/// </summary>
internal static class ExecProcess
{
    public static ProcessSpec From(CommandLine line, StateDirectory directory)
    {
        if (line.ProcessFile is { } file) return ProcessFile.Read(file);
        if (line.Arguments.Count < 2) throw new ShimException(ExitCodes.Usage, $"exec: a command (exec ID CMD [ARGS...]) or --process FILE is required\n{CommandLine.Usage}");
        var template = BundleProcess(LiveState.Read(directory).Bundle);
        var process = template with
        {
            Args = [.. line.Arguments.Skip(1)], Env = [.. template.Env, .. line.Env], Cwd = line.Cwd ?? template.Cwd,
            User = line.User is { } user ? ParseUser(user) : template.User, Terminal = false,
            Capabilities = line.Caps.Count == 0 ? template.Capabilities : WithCaps(template.Capabilities, line.Caps),
        };
        if (!process.Cwd.StartsWith('/')) throw new ShimException(ExitCodes.Usage, $"exec: --cwd '{process.Cwd}' is not absolute");
        return process;
    }

    private static ProcessSpec BundleProcess(string bundle)
    {
        string config = Path.Combine(bundle, "config.json");
        try
        {
            using var stream = File.OpenRead(config);
            var spec = JsonSerializer.Deserialize(stream, RuntimeJsonContext.Default.RuntimeSpec);
            var process = spec?.Process ?? new ProcessSpec();
            return process with { User = process.User ?? new UserSpec(), Env = process.Env ?? [], Cwd = process.Cwd ?? "/" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ShimException(ExitCodes.Failure, $"exec: the container's {config}: {e.Message}");
        }
    }

    /// <summary>runc's --user: numeric UID[:GID] (names need the image's /etc/passwd, which the engine resolves).</summary>
    private static UserSpec ParseUser(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length > 2 || !uint.TryParse(parts[0], NumberStyles.None, null, out uint uid)
            || (parts.Length == 2 && !uint.TryParse(parts[1], NumberStyles.None, null, out _)))
            throw new ShimException(ExitCodes.Usage, $"exec: --user '{text}' is not UID[:GID] (numbers)");
        return new UserSpec { Uid = uid, Gid = parts.Length == 2 ? uint.Parse(parts[1], CultureInfo.InvariantCulture) : 0 };
    }

    private static CapabilitiesSpec WithCaps(CapabilitiesSpec? caps, List<string> added)
    {
        static List<string> Add(List<string>? set, List<string> more) => [.. (set ?? []).Union(more, StringComparer.Ordinal)];
        return new CapabilitiesSpec
        {
            Bounding = Add(caps?.Bounding, added), Effective = Add(caps?.Effective, added), Inheritable = Add(caps?.Inheritable, added),
            Permitted = Add(caps?.Permitted, added), Ambient = caps?.Ambient,
        };
    }
}
