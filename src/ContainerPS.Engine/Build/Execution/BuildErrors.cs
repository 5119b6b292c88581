using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>The executor's error ids (docs/build.md, "Errors"); the front end's are in DockerfileErrors, the context's in BuildContextErrors.</summary>
public static class BuildErrors
{
    public const string StepFailedId = "BuildStepFailed";
    public const string DockerfileNotFoundId = "DockerfileNotFound";
    public const string BaseImageNotFoundId = "BuildBaseImageNotFound";
    public const string SecretNotFoundId = "BuildSecretNotFound";
    public const string InvalidMountId = "BuildInvalidMount";
    public const string InvalidChownId = "UserNotFound";
    public const string InvalidFlagId = "BuildInvalidFlag";
    public const string DownloadFailedId = "BuildDownloadFailed";
    public const string ChecksumMismatchId = "BuildChecksumMismatch";
    public const string ArchiveInvalidId = "BuildArchiveInvalid";
    public const string ArchiveEntryEscapesId = "BuildArchiveEntryEscapes";

    public static ContainerPSException StepFailed(BuildStep step, SourceLocation at, int exitCode) =>
        Fail.FailedPrecondition(StepFailedId, $"{at}: step {step.Number}/{step.Total} ({step.Text}) failed: the process exited with code {exitCode}.", step.Text);

    public static ContainerPSException DockerfileNotFound(string path) =>
        Fail.NotFound(DockerfileNotFoundId, $"No Dockerfile at '{path}': name one with -File, or put a Dockerfile or Containerfile in the context.", path);

    public static ContainerPSException BaseImageNotFound(string reference, Exception? inner = null) =>
        Fail.NotFound(BaseImageNotFoundId, $"The image '{reference}' is not in the store and -PullPolicy Never forbids pulling it.", reference, inner);

    public static ContainerPSException SecretNotFound(SourceLocation at, string id) =>
        Fail.NotFound(SecretNotFoundId, $"{at}: the secret '{id}' was not given: pass it with -Secret @{{ {id} = '<file>' }}.", id);

    public static ContainerPSException InvalidMount(SourceLocation at, string mount, string problem) =>
        Fail.InvalidArgument(InvalidMountId, $"{at}: --mount={mount}: {problem}", mount);

    public static ContainerPSException UserNotFound(SourceLocation at, string name, string file) =>
        Fail.NotFound(InvalidChownId, $"{at}: '{name}' is not in the image's {file}.", name);

    public static ContainerPSException InvalidFlag(SourceLocation at, string flag, string problem) =>
        Fail.InvalidArgument(InvalidFlagId, $"{at}: {flag}: {problem}", flag);

    /// <param name="status">The HTTP status code, or null when no response came (DNS, connection, TLS, timeout).</param>
    public static ContainerPSException DownloadFailed(SourceLocation at, Uri url, int? status, string problem, Exception? inner = null) =>
        Fail.Unavailable(DownloadFailedId, $"{at}: ADD {url}: the download failed{(status is { } code ? $" with HTTP status {code}" : "")}: {problem}", url.ToString(), inner);

    public static ContainerPSException ChecksumMismatch(SourceLocation at, Uri url, string expected, string actual) =>
        Fail.DataIntegrity(ChecksumMismatchId, $"{at}: ADD {url}: the download's checksum is {actual}, not the {expected} that --checksum asks for.", url.ToString());

    public static ContainerPSException ArchiveInvalid(SourceLocation at, string archive, string problem, Exception? inner = null) =>
        Fail.InvalidArgument(ArchiveInvalidId, $"{at}: ADD {archive}: the archive cannot be extracted: {problem}", archive, inner);

    public static ContainerPSException ArchiveEntryEscapes(SourceLocation at, string archive, string entry) =>
        Fail.InvalidArgument(ArchiveEntryEscapesId, $"{at}: ADD {archive}: the entry '{entry}' would land outside the destination directory.", entry);
}
