using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The OCI process object an exec runs (config.md, "Process"): the container's own process (its user, environment,
/// working directory, capabilities, rlimits, no_new_privs) with the command and what <see cref="ExecOptions"/>
/// overrides. A user is resolved against the container's files (its upper directory over the image's layers), never
/// the host's; its home becomes HOME unless the options set HOME.
/// </summary>
internal static class ExecProcessBuilder
{
    public static ProcessSpec Build(ContainerPaths paths, RuntimeSpec spec, ExecOptions options)
    {
        if (options.Command.Count == 0 || options.Command[0].Length == 0)
            throw Fail.InvalidArgument("NoCommand", "Give a command to run in the container.", options.Command);
        var process = spec.Process;
        var env = new EnvironmentBuilder().SetImageEnv(process.Env);
        var user = process.User;
        if (options.User is { Length: > 0 } name)
        {
            using var files = new ImageFileSystem([paths.Upper, .. BundleSpec.LowerDirs(spec)]);
            var resolved = new UserResolver(files).Resolve(name);
            user = new UserSpec { Uid = resolved.Uid, Gid = resolved.Gid, AdditionalGids = resolved.AdditionalGids.Count > 0 ? [.. resolved.AdditionalGids] : null };
            env.Set("HOME", resolved.Home);
        }

        foreach (var (key, value) in options.Environment)
        {
            EnvironmentBuilder.ValidateKey(key, "-Environment");
            env.Set(key, value);
        }

        // As for a container created with -Tty (BundleBuilder): programs need TERM to draw on the pty.
        if (options.Tty) env.SetIfMissing("TERM", "xterm");

        return process with
        {
            Terminal = options.Tty,
            Args = [.. options.Command],
            Env = env.Build(),
            Cwd = WorkingDirectory(options.WorkingDirectory) ?? process.Cwd,
            User = user,
        };
    }

    private static string? WorkingDirectory(string? cwd)
    {
        if (string.IsNullOrEmpty(cwd)) return null;
        return cwd.StartsWith('/')
            ? cwd
            : throw Fail.InvalidArgument("InvalidWorkingDirectory", $"The working directory '{cwd}' must be an absolute path.", cwd);
    }
}
