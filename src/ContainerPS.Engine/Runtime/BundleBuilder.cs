using System.Globalization;
using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Writes what a container is, as an OCI runtime-spec config.json (config.md, config-linux.md): the process from
/// the image config and the options (docker's precedence), the contract's defaults (namespaces, mounts, masked and
/// read-only paths, docker's capabilities with empty inheritable and ambient sets, no_new_privs, rlimits), the
/// limits, and ContainerPS's annotations for the overlay root and the log file.
/// </summary>
internal static partial class BundleBuilder
{
    public static RuntimeSpec Build(BundleInput input)
    {
        var options = input.Options;
        var hostname = Hostname(input);
        using var image = new ImageFileSystem([input.Paths.Upper, .. input.LowerDirsTopFirst]);
        var user = new UserResolver(image).Resolve(options.User ?? input.ImageConfig?.User);
        var env = Environment(input, hostname, user);
        var capabilities = Capabilities.Compute(options.CapAdd, options.CapDrop);

        return new RuntimeSpec
        {
            Process = new ProcessSpec
            {
                Terminal = options.Tty,
                Args = Arguments(input, image, env.Get("PATH")),
                Env = env.Build(),
                Cwd = WorkingDirectory(input),
                User = new UserSpec { Uid = user.Uid, Gid = user.Gid, AdditionalGids = user.AdditionalGids.Count > 0 ? [.. user.AdditionalGids] : null },
                Capabilities = new CapabilitiesSpec
                {
                    Bounding = capabilities, Effective = capabilities, Permitted = capabilities, Inheritable = [], Ambient = [],
                },
                Rlimits = UlimitParser.Apply(SpecDefaults.Rlimits(), options.Ulimits),
                NoNewPrivileges = Security.SecurityOptions.Parse(options.SecurityOptions).NoNewPrivileges,
            },
            Root = new RootSpec { Path = "rootfs", Readonly = options.ReadOnly },
            Hostname = hostname,
            Mounts =
            [
                .. SpecDefaults.Mounts(options.ShmSize), .. Networking.EtcFiles.Mounts(input.Paths),
                .. options.Volumes.Select(MountParser.Volume), .. options.Tmpfs.Select(MountParser.Tmpfs),
            ],
            Annotations = Annotations(input),
            Linux = new LinuxSpec
            {
                Namespaces = SpecDefaults.Namespaces(Networking.NetworkNames.Normalize(options.Network), input.NetworkNamespacePath),
                CgroupsPath = $"/containerps/{input.Id}",
                Resources = ResourceLimits.ToSpec(options.Limits),
                Sysctl = SysctlOptions.ToSpec(options.Sysctls, Networking.NetworkNames.Normalize(options.Network)),
                MaskedPaths = [.. SpecDefaults.MaskedPaths],
                ReadonlyPaths = [.. SpecDefaults.ReadonlyPaths],
                Seccomp = input.Seccomp,
            },
        };
    }

    /// <summary>The signal Stop-Container sends first: the option, else the image's StopSignal, else SIGTERM.</summary>
    public static string StopSignal(BundleInput input) =>
        Signals.Normalize(input.Options.StopSignal ?? input.ImageConfig?.StopSignal ?? "SIGTERM");

    /// <summary>
    /// docker's rule: -Entrypoint replaces the image's Entrypoint and drops its Cmd; -Command replaces Cmd. The
    /// program is resolved against the container's PATH inside the image, so the supervisor gets an absolute path.
    /// </summary>
    private static List<string> Arguments(BundleInput input, ImageFileSystem image, string? path)
    {
        var entrypoint = input.Options.Entrypoint ?? input.ImageConfig?.Entrypoint ?? [];
        var command = input.Options.Command ?? (input.Options.Entrypoint is null ? input.ImageConfig?.Cmd : null) ?? [];
        List<string> args = [.. entrypoint, .. command];
        if (args.Count == 0 || args[0].Length == 0)
            throw Fail.InvalidArgument("NoCommand", "Neither the image nor the options give a command to run: use -Command or -Entrypoint.", input.Options.Image);
        args[0] = ExecutableLookup.Resolve(image, args[0], path);
        return args;
    }

    private static EnvironmentBuilder Environment(BundleInput input, string hostname, ResolvedUser user)
    {
        var env = new EnvironmentBuilder()
            .Set("PATH", SpecDefaults.Path)
            .Set("HOSTNAME", hostname)
            .SetImageEnv(input.ImageConfig?.Env);
        foreach (var file in input.Options.EnvironmentFiles) env.SetAll(EnvironmentFile.Read(file));
        foreach (var (key, value) in input.Options.Environment)
        {
            EnvironmentBuilder.ValidateKey(key, "-Environment");
            env.Set(key, value);
        }

        // docker sets TERM for a tty (unless the image or the options do): programs need it to draw on the pty.
        if (input.Options.Tty) env.SetIfMissing("TERM", "xterm");
        return env.SetIfMissing("HOME", user.Home);
    }

    private static string WorkingDirectory(BundleInput input)
    {
        var cwd = input.Options.WorkingDirectory ?? input.ImageConfig?.WorkingDir;
        if (string.IsNullOrEmpty(cwd)) return "/";
        if (!cwd.StartsWith('/'))
            throw Fail.InvalidArgument("InvalidWorkingDirectory", $"The working directory '{cwd}' must be an absolute path.", cwd);
        return cwd;
    }

    private static string Hostname(BundleInput input)
    {
        var hostname = input.Options.Hostname ?? ContainerIds.Short(input.Id);
        if (hostname.Length > 64 || !HostnamePattern().IsMatch(hostname))
            throw Fail.InvalidArgument("InvalidHostname", $"'{hostname}' is not a valid host name (RFC 1123 labels, at most 64 characters).", hostname);
        return hostname;
    }

    private static Dictionary<string, string> Annotations(BundleInput input)
    {
        var annotations = new Dictionary<string, string>
        {
            [ContainerPS.Runtime.Spec.Annotations.RootfsOverlay] = OverlayOptions(input),
            [ContainerPS.Runtime.Spec.Annotations.LogPath] = input.Paths.LogFile,
            [ContainerPS.Runtime.Spec.Annotations.LogMaxSize] = LogLimits.MaxSizeOf(input.Options).ToString(CultureInfo.InvariantCulture),
            [ContainerPS.Runtime.Spec.Annotations.LogMaxFiles] = LogLimits.MaxFilesOf(input.Options).ToString(CultureInfo.InvariantCulture),
        };
        if (input.Options.Init) annotations[ContainerPS.Runtime.Spec.Annotations.Init] = "true";
        // An -AutoRemove container leaves nothing to show after a reboot, and its run skips the extra writes.
        if (!input.Options.AutoRemove) annotations[ContainerPS.Runtime.Spec.Annotations.StateCopy] = input.Paths.LastStateFile;
        return annotations;
    }

    /// <summary>
    /// overlayfs mount options (Documentation/filesystems/overlayfs.rst, "Multiple lower layers": the first lowerdir
    /// is the top one). ':' separates lower layers and ',' separates options, so a path holding either cannot be used.
    /// -AutoRemove containers get a volatile upper layer (<see cref="VolatileUpper"/>).
    /// </summary>
    private static string OverlayOptions(BundleInput input)
    {
        string[] all = [.. input.LowerDirsTopFirst, input.Paths.Upper, input.Paths.Work];
        if (all.FirstOrDefault(p => p.IndexOfAny([':', ',']) >= 0) is { } bad)
            throw Fail.InvalidArgument("StorePathUnsuitable", $"The path '{bad}' holds ':' or ',', which overlayfs options cannot carry; use a store root without them.", bad);
        if (input.LowerDirsTopFirst.Count == 0)
            throw Fail.FailedPrecondition("ImageHasNoLayers", "The image has no layers to make a root file system from.", input.Options.Image);
        var options = $"lowerdir={string.Join(':', input.LowerDirsTopFirst)},upperdir={input.Paths.Upper},workdir={input.Paths.Work}";
        return VolatileUpper.Applies(input.Options) ? $"{options},{VolatileUpper.MountOption}" : options;
    }

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})?)*$")]
    private static partial Regex HostnamePattern();
}
