using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Resolves a COPY or ADD (Dockerfile reference, "COPY", "ADD") before anything runs: the words expanded with the
/// stage's variables, the last word the destination (relative to WORKDIR), the others sources in the build
/// context, in the <c>--from</c> root, heredocs, or (ADD) URLs, downloaded here; and the content key the cache needs.
/// </summary>
/// <param name="downloader">Fetches ADD's URL sources; without one, a URL is a build context path.</param>
internal sealed partial class CopyPlanner(BuildContext context, char escape, UrlDownloader? downloader = null)
{
    private static readonly string[] KnownFlags = ["from", "chown", "chmod", "link", "checksum"];

    /// <param name="from">The root a <c>--from</c> names, with the key that identifies its content.</param>
    public async Task<CopyPlan> PlanAsync(
        DockerfileInstruction instruction, Func<string, string?> variables, string? workingDirectory,
        Func<string, CancellationToken, Task<StageState>> from, CancellationToken ct)
    {
        RefuseUnknownFlags(instruction);
        var words = Words(instruction, variables);
        if (words.Count < 2) throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} requires at least two arguments: a source and a destination");
        var destination = Destination(words[^1], workingDirectory);
        var sourceWords = words.Take(words.Count - 1).ToList();
        var fromValue = Expand(instruction.Flag("from"), variables, instruction);
        StageState? fromState = fromValue is null ? null : await from(fromValue, ct).ConfigureAwait(false);
        var checksum = Checksum(instruction, variables);
        var sources = fromState is null
            ? await ContextSourcesAsync(instruction, sourceWords, checksum, ct).ConfigureAwait(false)
            : sourceWords.Select(w => new CopySource(RootPath: Absolute(w, "/"))).ToList();
        var isDirectory = IsDirectoryForm(words[^1]);
        if (sources.Count > 1 && !isDirectory)
            throw DockerfileErrors.Parse(instruction.Location, $"When using {instruction.Keyword} with more than one source file, the destination must be a directory and end with a /");
        var contentKey = fromState is null
            ? ContextChecksum.Of(sources.Where(s => s.Match is not null).Select(s => s.Match!)) + string.Concat(sources.Select(s => s.HeredocContent))
                + string.Concat(sources.Where(s => s.Download is not null).Select(s => $"\0url {s.Url} {s.Download!.Digest}"))
            : $"from {fromState.Key} {string.Join('\0', sources.Select(s => s.RootPath))}";
        return new CopyPlan(instruction, sources, destination, isDirectory, Expand(instruction.Flag("chown"), variables, instruction),
            Chmod(instruction, variables), fromState?.LowerDirectories, contentKey, ExtractArchives: instruction.Keyword == "ADD");
    }

    private async Task<List<CopySource>> ContextSourcesAsync(DockerfileInstruction instruction, List<string> words, string? checksum, CancellationToken ct)
    {
        var sources = new List<CopySource>();
        int heredoc = 0;
        foreach (var word in words)
        {
            if (instruction.Keyword == "ADD" && downloader is not null && AddUrl.Parse(word) is { } url)
            {
                sources.Add(new CopySource(Url: url, Download: await downloader.DownloadAsync(url, checksum, instruction.Location, ct).ConfigureAwait(false)));
                continue;
            }
            if (checksum is not null)
                throw BuildErrors.InvalidFlag(instruction.Location, "--checksum", $"'{word}' is not an http or https URL; only a URL source can be checked");
            if (word.StartsWith("<<", StringComparison.Ordinal) && heredoc < instruction.Heredocs.Count)
            {
                var body = instruction.Heredocs[heredoc++];
                sources.Add(new CopySource(HeredocName: body.Name, HeredocContent: body.Content));
                continue;
            }
            sources.AddRange(context.ResolveSource(word).Select(match => new CopySource(Match: match)));
        }
        return sources;
    }

    private IReadOnlyList<string> Words(DockerfileInstruction instruction, Func<string, string?> variables) =>
        instruction.JsonForm is { } json
            ? json.Select(word => DockerfileWords.Expand(word, variables, escape, instruction.Location)).ToList()
            : DockerfileWords.ExpandWords(instruction.Arguments, variables, escape, instruction.Location);

    private string? Expand(string? text, Func<string, string?> variables, DockerfileInstruction instruction) =>
        text is null ? null : DockerfileWords.Expand(text, variables, escape, instruction.Location);

    /// <summary>Dockerfile reference, "COPY --chmod": an octal mode for every copied file and directory.</summary>
    private ushort? Chmod(DockerfileInstruction instruction, Func<string, string?> variables)
    {
        if (Expand(instruction.Flag("chmod"), variables, instruction) is not { } text) return null;
        try
        {
            var mode = Convert.ToUInt16(text, 8);
            if (mode <= 0xFFF) return mode;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
        }
        throw BuildErrors.InvalidFlag(instruction.Location, $"--chmod={text}", "the mode must be octal, from 0 to 7777");
    }

    /// <summary>
    /// Dockerfile reference, "ADD --checksum": the digest a URL source must have. Only sha256 is accepted, the one
    /// algorithm this engine hashes downloads with.
    /// </summary>
    private string? Checksum(DockerfileInstruction instruction, Func<string, string?> variables)
    {
        if (Expand(instruction.Flag("checksum"), variables, instruction) is not { } text) return null;
        if (!ChecksumPattern().IsMatch(text))
            throw BuildErrors.InvalidFlag(instruction.Location, $"--checksum={text}", "the checksum must be sha256: followed by 64 hex digits");
        return text.ToLowerInvariant();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^sha256:[0-9a-fA-F]{64}$")]
    private static partial System.Text.RegularExpressions.Regex ChecksumPattern();

    private static void RefuseUnknownFlags(DockerfileInstruction instruction)
    {
        foreach (var flag in instruction.Flags.Where(f => !KnownFlags.Contains(f.Name)))
            throw BuildErrors.InvalidFlag(instruction.Location, $"--{flag.Name}", $"{instruction.Keyword} has no such flag");
        if (instruction.Keyword == "ADD" && instruction.HasFlag("from"))
            throw BuildErrors.InvalidFlag(instruction.Location, "--from", "ADD has no --from; use COPY --from");
        if (instruction.Keyword != "ADD" && instruction.HasFlag("checksum"))
            throw BuildErrors.InvalidFlag(instruction.Location, "--checksum", $"{instruction.Keyword} has no --checksum; it is ADD's, for URL sources");
    }

    /// <summary>A destination that names a directory: a trailing slash, or the working directory itself (<c>.</c>).</summary>
    private static bool IsDirectoryForm(string word) => word.EndsWith('/') || word is "." or ".." || word.EndsWith("/.", StringComparison.Ordinal);

    private static string Destination(string word, string? workingDirectory) =>
        Absolute(word, string.IsNullOrEmpty(workingDirectory) ? "/" : workingDirectory);

    /// <summary>An absolute, normalised path; relative ones are taken from <paramref name="directory"/>.</summary>
    private static string Absolute(string path, string directory)
    {
        var combined = path.StartsWith('/') ? path : directory.TrimEnd('/') + "/" + path;
        var parts = new List<string>();
        foreach (var part in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }
}
