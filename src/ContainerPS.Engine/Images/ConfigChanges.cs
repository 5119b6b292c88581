using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>
/// Applies Dockerfile instructions to an image's config, as <c>docker commit --change</c> and <c>docker import --change</c> do:
/// only the instructions that change the config and add no layer (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL,
/// USER, VOLUME, WORKDIR). Semantics follow the Dockerfile reference; see docs/commit.md.
/// </summary>
public static class ConfigChanges
{
    public static ImageConfig Apply(ImageConfig config, IEnumerable<string> changes)
    {
        ContainerConfig run = config.Config ?? new ContainerConfig();
        bool cmdSet = false;
        foreach (string change in changes)
        {
            (string instruction, string rest) = SplitInstruction(change);
            run = instruction switch
            {
                "CMD" => SetCmd(run, rest, ref cmdSet),
                // Dockerfile reference, ENTRYPOINT: an ENTRYPOINT resets a CMD inherited from the base; a CMD given alongside stays.
                "ENTRYPOINT" => run with { Entrypoint = CommandOf(rest), Cmd = cmdSet ? run.Cmd : null },
                "ENV" => run with { Env = ConfigMaps.SetEnv(run.Env, Pairs(rest, change)) },
                "EXPOSE" => run with { ExposedPorts = ConfigMaps.Add(run.ExposedPorts, Ports(rest, change)) },
                "LABEL" => run with { Labels = ConfigMaps.SetLabels(run.Labels, Pairs(rest, change)) },
                "ONBUILD" => run with { OnBuild = [.. run.OnBuild ?? [], OnBuildOf(rest, change)] },
                "STOPSIGNAL" => run with { StopSignal = Single(rest, change) },
                "USER" => run with { User = Single(rest, change) },
                "VOLUME" => run with { Volumes = ConfigMaps.Add(run.Volumes, Volumes(rest, change)) },
                "WORKDIR" => run with { WorkingDir = WorkDir(run.WorkingDir, Single(rest, change)) },
                _ => throw Invalid(change, $"'{instruction}' is not an instruction a change may use; use one of CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR."),
            };
        }
        return config with { Config = run };
    }

    private static (string Instruction, string Arguments) SplitInstruction(string change)
    {
        string text = change.Trim();
        int blank = text.IndexOfAny([' ', '\t']);
        if (text.Length == 0) throw Invalid(change, "A change must not be empty.");
        if (blank < 0) throw Invalid(change, $"The change '{change}' has no arguments.");
        return (text[..blank].ToUpperInvariant(), text[(blank + 1)..].Trim());
    }

    private static ContainerConfig SetCmd(ContainerConfig run, string rest, ref bool cmdSet)
    {
        cmdSet = true;
        return run with { Cmd = CommandOf(rest) };
    }

    /// <summary>Exec form as given; shell form runs through <c>/bin/sh -c</c> (Dockerfile reference, "Shell and exec form").</summary>
    private static string[] CommandOf(string rest) => ChangeWords.JsonForm(rest) ?? ["/bin/sh", "-c", rest];

    /// <summary><c>KEY=VALUE ...</c>, or the legacy <c>KEY VALUE WITH BLANKS</c> when the first word has no '='.</summary>
    private static List<KeyValuePair<string, string>> Pairs(string rest, string change)
    {
        List<string> words = ChangeWords.Split(rest, change);
        if (words.Count > 0 && !words[0].Contains('='))
        {
            string[] legacy = rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (legacy.Length < 2) throw Invalid(change, $"The change '{change}' needs a value for '{legacy[0]}'.");
            return [new(legacy[0], string.Join(' ', ChangeWords.Split(legacy[1], change)))];
        }
        return words.Select(word => PairOf(word, change)).ToList();
    }

    private static KeyValuePair<string, string> PairOf(string word, string change)
    {
        int equals = word.IndexOf('=');
        if (equals <= 0) throw Invalid(change, $"'{word}' in the change '{change}' is not KEY=VALUE.");
        return new(word[..equals], word[(equals + 1)..]);
    }

    private static IEnumerable<string> Ports(string rest, string change) =>
        ChangeWords.Split(rest, change).SelectMany(word => ExposedPort.Expand(word, change));

    private static List<string> Volumes(string rest, string change)
    {
        List<string> paths = ChangeWords.JsonForm(rest)?.ToList() ?? ChangeWords.Split(rest, change);
        if (paths.Count == 0 || paths.Any(string.IsNullOrWhiteSpace)) throw Invalid(change, $"The change '{change}' names an empty volume path.");
        return paths;
    }

    private static string OnBuildOf(string rest, string change)
    {
        string trigger = rest.Split((char[]?)null, 2)[0].ToUpperInvariant();
        // Dockerfile reference, ONBUILD: chaining ONBUILD and triggering FROM/MAINTAINER are not allowed.
        if (trigger is "ONBUILD" or "FROM" or "MAINTAINER") throw Invalid(change, $"ONBUILD may not trigger {trigger}.");
        return rest;
    }

    private static string Single(string rest, string change)
    {
        List<string> words = ChangeWords.Split(rest, change);
        if (words.Count != 1) throw Invalid(change, $"The change '{change}' takes exactly one argument.");
        return words[0];
    }

    /// <summary>A relative WORKDIR is relative to the previous one (Dockerfile reference, WORKDIR).</summary>
    private static string WorkDir(string? current, string path) =>
        path.StartsWith('/') ? path : Path.Combine(string.IsNullOrEmpty(current) ? "/" : current, path);

    internal static ContainerPSException Invalid(string change, string message) => Fail.InvalidArgument("InvalidChange", message, change);
}
