using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Exec;

/// <summary>`exec --process FILE`: an OCI runtime-spec process object (config.md, "Process"), as `runc exec --process` takes.</summary>
internal static class ProcessFile
{
    private const long MaxBytes = 4 * 1024 * 1024;

    public static ProcessSpec Read(string file)
    {
        ProcessSpec? process;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists) throw new ShimException(ExitCodes.Usage, $"{file} does not exist");
            if (info.Length > MaxBytes) throw new ShimException(ExitCodes.Usage, $"{file} is larger than {MaxBytes} bytes");
            using var stream = File.OpenRead(file);
            process = JsonSerializer.Deserialize(stream, RuntimeJsonContext.Default.ProcessSpec);
        }
        catch (JsonException e)
        {
            throw new ShimException(ExitCodes.Usage, $"{file} is not a valid process object: {e.Message}", e);
        }
        return Validate(WithDefaults(process ?? throw new ShimException(ExitCodes.Usage, $"{file} is empty")), file);
    }

    /// <summary>Source-generated JSON leaves missing fields null; the spec's defaults (user 0:0, cwd /, no env) go back in.</summary>
    private static ProcessSpec WithDefaults(ProcessSpec process) => process with
    {
        User = process.User ?? new UserSpec(), Args = process.Args ?? [], Env = process.Env ?? [], Cwd = process.Cwd ?? "/",
    };

    private static ProcessSpec Validate(ProcessSpec process, string file)
    {
        void Require(bool condition, string problem)
        {
            if (!condition) throw new ShimException(ExitCodes.Usage, $"{file}: {problem}");
        }
        Require(process.Args.Count > 0 && process.Args[0].Length > 0, "args is empty");
        Require(process.Cwd.StartsWith('/'), "cwd is not absolute");
        return process;
    }
}
