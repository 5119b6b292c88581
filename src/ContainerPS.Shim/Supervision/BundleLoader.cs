using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Supervision;

/// <summary>Reads and checks a bundle's config.json (runtime-spec bundle.md) before anything is created for it.</summary>
internal static class BundleLoader
{
    private const long MaxConfigBytes = 4 * 1024 * 1024;

    public static RuntimeSpec Load(string bundle)
    {
        string file = Path.Combine(bundle, "config.json");
        RuntimeSpec spec;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists) throw new ShimException(ExitCodes.Failure, $"{file} does not exist");
            if (info.Length > MaxConfigBytes) throw new ShimException(ExitCodes.Failure, $"{file} is larger than {MaxConfigBytes} bytes");
            using var stream = File.OpenRead(file);
            spec = JsonSerializer.Deserialize(stream, RuntimeJsonContext.Default.RuntimeSpec)
                ?? throw new ShimException(ExitCodes.Failure, $"{file} is empty");
        }
        catch (JsonException e)
        {
            throw new ShimException(ExitCodes.Failure, $"{file} is not a valid runtime spec: {e.Message}", e);
        }
        spec = WithDefaults(spec);
        Validate(spec, file);
        return spec;
    }

    /// <summary>
    /// Source-generated deserialization sets every init-only property, so a field missing from config.json arrives
    /// as null even where the record declares a default; the spec's defaults are restored here (config.md: cwd is
    /// required, user defaults to 0:0, lists default to empty).
    /// </summary>
    private static RuntimeSpec WithDefaults(RuntimeSpec spec)
    {
        var process = spec.Process ?? new ProcessSpec();
        var linux = spec.Linux ?? new LinuxSpec();
        return spec with
        {
            Process = process with
            {
                User = process.User ?? new UserSpec(), Args = process.Args ?? [], Env = process.Env ?? [], Cwd = process.Cwd ?? "/",
            },
            Root = spec.Root ?? new RootSpec(),
            Mounts = spec.Mounts ?? [],
            Linux = linux with { Namespaces = linux.Namespaces ?? [] },
        };
    }

    private static void Validate(RuntimeSpec spec, string file)
    {
        void Require(bool condition, string problem)
        {
            if (!condition) throw new ShimException(ExitCodes.Failure, $"{file}: {problem}");
        }
        Require(spec.Process.Args.Count > 0 && spec.Process.Args[0].Length > 0, "process.args is empty");
        Require(spec.Process.Cwd.StartsWith('/'), "process.cwd is not absolute");
        if (Child.SpecNamespaces.Problem(spec) is { } problem) Require(false, problem);
        Require(!string.IsNullOrEmpty(spec.Root.Path), "root.path is empty");
    }

    public static string RootfsPath(RuntimeSpec spec, string bundle) =>
        Path.GetFullPath(spec.Root.Path.StartsWith('/') ? spec.Root.Path : Path.Combine(bundle, spec.Root.Path));
}
