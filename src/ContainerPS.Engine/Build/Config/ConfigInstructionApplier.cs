using System.Globalization;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Build.Config;

/// <summary>
/// Applies the Dockerfile instructions that change only the image config, and add no layer, to an <see cref="ImageConfig"/>:
/// CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, SHELL, STOPSIGNAL, USER, VOLUME and WORKDIR
/// (Dockerfile reference, one section each). One instance serves one build stage, or one <c>docker commit --change</c>
/// list, because an ENTRYPOINT keeps only a CMD set earlier in that same stage (Dockerfile reference, "Understand how CMD
/// and ENTRYPOINT interact"). Arguments are expanded as the reference's "Environment replacement" says, with the config's
/// Env first and then the build arguments. Faults throw <c>DockerfileParseError</c> with file and line; a caller such as
/// commit maps them to its own error id.
/// </summary>
public sealed class ConfigInstructionApplier(ImageConfig start, char escape = DockerfileDirectives.DefaultEscape, Func<string, string?>? buildArguments = null)
{
    /// <summary>Dockerfile reference, "Shell and exec form": the shell form runs through this unless SHELL changed it.</summary>
    public static readonly IReadOnlyList<string> DefaultShell = ["/bin/sh", "-c"];

    /// <summary>The keywords <see cref="Apply"/> handles.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    private bool cmdSet;

    /// <summary>The config after every instruction applied so far; the start config itself is never changed.</summary>
    public ImageConfig Config { get; private set; } = start;

    private ContainerConfig Run => Config.Config ?? new ContainerConfig();

    /// <summary>
    /// Goes on from <paramref name="config"/>, the config after a build step that changed the file system (a new layer
    /// and history entry), keeping what this stage has set so far (whether it set CMD).
    /// </summary>
    public void Continue(ImageConfig config) => Config = config;

    public void Apply(DockerfileInstruction instruction)
    {
        if (instruction.Keyword == "MAINTAINER")
        {
            Config = Config with { Author = instruction.Arguments };
            return;
        }
        Config = Config with { Config = Changed(Run, instruction) };
    }

    private ContainerConfig Changed(ContainerConfig run, DockerfileInstruction instruction) => instruction.Keyword switch
    {
        "CMD" => SetCmd(run, instruction),
        "ENTRYPOINT" => run with { Entrypoint = CommandOf(run, instruction), Cmd = cmdSet ? run.Cmd : null },
        "ENV" => run with { Env = ConfigMaps.SetEnv(run.Env, Pairs(instruction)) },
        "EXPOSE" => run with { ExposedPorts = ConfigMaps.Add(run.ExposedPorts, Ports(instruction)) },
        "HEALTHCHECK" => run with { Healthcheck = HealthcheckReader.Read(instruction) },
        "LABEL" => run with { Labels = ConfigMaps.SetLabels(run.Labels, Pairs(instruction)) },
        "ONBUILD" => run with { OnBuild = [.. run.OnBuild ?? [], instruction.Arguments] },
        "SHELL" => run with { Shell = ShellOf(instruction) },
        "STOPSIGNAL" => run with { StopSignal = StopSignalOf(instruction) },
        "USER" => run with { User = SingleWord(instruction) },
        "VOLUME" => run with { Volumes = ConfigMaps.Add(run.Volumes, Volumes(instruction)) },
        "WORKDIR" => run with { WorkingDir = WorkDir(run.WorkingDir, SingleWord(instruction)) },
        _ => throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} does not only change the image config"),
    };

    private ContainerConfig SetCmd(ContainerConfig run, DockerfileInstruction instruction)
    {
        cmdSet = true;
        return run with { Cmd = CommandOf(run, instruction) };
    }

    /// <summary>Exec form as given; shell form runs through the current SHELL (Dockerfile reference, "Shell and exec form", "SHELL").</summary>
    private static string[] CommandOf(ContainerConfig run, DockerfileInstruction instruction) =>
        instruction.JsonForm is { } words ? [.. words] : [.. run.Shell ?? DefaultShell, instruction.Arguments];

    /// <summary>Dockerfile reference, "SHELL": the JSON form only (the parser refuses any other), at least the shell itself.</summary>
    private static string[] ShellOf(DockerfileInstruction instruction) =>
        instruction.JsonForm is { Count: > 0 } words ? [.. words] : throw DockerfileErrors.Parse(instruction.Location, "SHELL requires at least one argument");

    /// <summary>Dockerfile reference, "ENV": every pair is expanded with the variables as they were before the instruction.</summary>
    private List<KeyValuePair<string, string>> Pairs(DockerfileInstruction instruction) =>
        DockerfileKeyValues.Read(instruction, escape)
            .Select(pair => new KeyValuePair<string, string>(Expand(pair.Key, instruction), Expand(pair.Value ?? "", instruction)))
            .ToList();

    private IEnumerable<string> Ports(DockerfileInstruction instruction) =>
        ExpandWords(instruction).SelectMany(word => ExposedPort.Expand(word, instruction.Location)).ToList();

    /// <summary>Dockerfile reference, "VOLUME": a JSON array or plain words, each path expanded, none empty.</summary>
    private List<string> Volumes(DockerfileInstruction instruction)
    {
        List<string> paths = instruction.JsonForm is { } words ? words.Select(word => Expand(word, instruction)).ToList() : [.. ExpandWords(instruction)];
        if (paths.Count == 0 || paths.Any(string.IsNullOrWhiteSpace)) throw DockerfileErrors.Parse(instruction.Location, "VOLUME specified can not be an empty string");
        return paths;
    }

    /// <summary>USER, STOPSIGNAL and WORKDIR take exactly one word (Dockerfile reference, each section).</summary>
    private string SingleWord(DockerfileInstruction instruction)
    {
        IReadOnlyList<string> words = ExpandWords(instruction);
        if (words.Count != 1) throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} requires exactly one argument");
        return words[0];
    }

    /// <summary>
    /// Dockerfile reference, "STOPSIGNAL": a name such as <c>SIGKILL</c> or <c>KILL</c>, or a number; kept as written,
    /// as Docker keeps it, but refused when it is no signal. Real-time names (<c>SIGRTMIN+3</c>) pass as Docker takes them.
    /// </summary>
    private string StopSignalOf(DockerfileInstruction instruction)
    {
        string signal = SingleWord(instruction);
        if (IsSignal(signal)) return signal;
        throw DockerfileErrors.Parse(instruction.Location, $"Invalid signal: {signal}");
    }

    private static bool IsSignal(string signal)
    {
        if (int.TryParse(signal, NumberStyles.AllowLeadingSign, null, out int number)) return number != 0;
        string name = signal.ToUpperInvariant();
        if ((name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name).StartsWith("RTM", StringComparison.Ordinal)) return true;
        try { Signals.Normalize(signal); return true; }
        catch (ContainerPSException) { return false; }
    }

    /// <summary>
    /// Dockerfile reference, "WORKDIR": a relative path is relative to the previous WORKDIR, joined and cleaned as Docker
    /// joins it (<c>..</c> goes up, never above <c>/</c>); an absolute path is taken as written.
    /// </summary>
    private static string WorkDir(string? current, string path)
    {
        if (path.StartsWith('/')) return path;
        var parts = new List<string>();
        foreach (string part in $"{current}/{path}".Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (part != ".") parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    private string Expand(string text, DockerfileInstruction instruction) =>
        DockerfileWords.Expand(text, Lookup, escape, instruction.Location);

    private IReadOnlyList<string> ExpandWords(DockerfileInstruction instruction) =>
        DockerfileWords.ExpandWords(instruction.Arguments, Lookup, escape, instruction.Location);

    /// <summary>Dockerfile reference, "ENV" and "ARG": an ENV variable wins over a build argument of the same name.</summary>
    private string? Lookup(string name) => EnvValue(name) ?? buildArguments?.Invoke(name);

    private string? EnvValue(string name)
    {
        string prefix = name + "=";
        return Run.Env?.LastOrDefault(entry => entry.StartsWith(prefix, StringComparison.Ordinal)) is { } entry ? entry[prefix.Length..] : null;
    }
}
