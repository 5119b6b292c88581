using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// docker's --env-file format: one <c>KEY=VALUE</c> a line, <c>#</c> comments and blank lines ignored, the value taken
/// literally (no quotes, no expansion); a line with a bare <c>KEY</c> takes the value from the caller's environment
/// when it is set there, as docker does.
/// </summary>
internal static class EnvironmentFile
{
    private const long MaxBytes = 1024 * 1024;

    public static IEnumerable<KeyValuePair<string, string>> Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw Fail.NotFound("EnvironmentFileNotFound", $"The environment file '{path}' does not exist.", path);
        if (info.Length > MaxBytes) throw Fail.InvalidArgument("InvalidEnvironmentFile", $"The environment file '{path}' is larger than 1 MiB.", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IEnumerable<KeyValuePair<string, string>> Parse(string text, string source)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var separator = line.IndexOf('=');
            var key = separator < 0 ? line.Trim() : line[..separator].TrimStart();
            EnvironmentBuilder.ValidateKey(key, source);
            if (separator >= 0) yield return new(key, line[(separator + 1)..]);
            else if (Environment.GetEnvironmentVariable(key) is { } inherited) yield return new(key, inherited);
        }
    }
}
