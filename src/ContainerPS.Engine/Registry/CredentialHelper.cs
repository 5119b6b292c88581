using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// A docker credential helper, the program <c>docker-credential-&lt;name&gt;</c> (docker-credential-helpers protocol,
/// docs/registry-login.md): <c>store</c> reads <c>{"ServerURL","Username","Secret"}</c> on stdin; <c>get</c> and
/// <c>erase</c> read the server URL; <c>get</c> answers the same JSON. A failure is a non-zero exit with the message on
/// stdout. Each run is bounded in time and in output, so a hung or chatty helper cannot hang or flood a pull.
/// </summary>
internal sealed class CredentialHelper
{
    public const string ProgramPrefix = "docker-credential-";

    // The protocol's marker for "no such credential" (credentials/error.go, errCredentialsNotFoundMessage).
    private const string NotFoundMessage = "credentials not found in native keychain";

    // An identity token is stored with this user name (docker cli, credentials/native_store.go).
    private const string IdentityTokenUser = "<token>";

    private const int MaxOutputBytes = 64 * 1024;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout;

    public CredentialHelper(string program, TimeSpan? timeout = null)
    {
        Program = program;
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>The path or file name (looked up on PATH) of the helper program.</summary>
    public string Program { get; }

    /// <summary>The helper config.json names <paramref name="name"/> (<c>credsStore: "pass"</c> runs docker-credential-pass).</summary>
    public static CredentialHelper Named(string name, string configPath)
    {
        if (name.Contains('/') || name.Any(char.IsControl))
            throw DockerConfigFile.Invalid(configPath, $"the credential helper name '{name}' is not a plain name");
        return new CredentialHelper(ProgramPrefix + name);
    }

    /// <summary>The credential the helper holds for <paramref name="serverUrl"/>, or null when it holds none.</summary>
    public RegistryCredential? Get(string serverUrl)
    {
        var (exitCode, output) = Run("get", serverUrl);
        if (exitCode != 0)
        {
            if (output.Contains(NotFoundMessage, StringComparison.Ordinal)) return null;
            throw Failed("get", output);
        }
        return ParseCredential(output);
    }

    public void Store(string serverUrl, RegistryCredential credential)
    {
        var input = new JsonObject
        {
            ["ServerURL"] = serverUrl,
            ["Username"] = credential.IsIdentityToken ? IdentityTokenUser : credential.Username,
            ["Secret"] = credential.Secret,
        }.ToJsonString();
        var (exitCode, output) = Run("store", input);
        if (exitCode != 0) throw Failed("store", output);
    }

    public void Erase(string serverUrl)
    {
        var (exitCode, output) = Run("erase", serverUrl);
        if (exitCode != 0 && !output.Contains(NotFoundMessage, StringComparison.Ordinal)) throw Failed("erase", output);
    }

    private RegistryCredential? ParseCredential(string output)
    {
        try
        {
            var answer = JsonNode.Parse(output) as JsonObject ?? throw Failed("get", "its answer is not a JSON object");
            var user = DockerAuthEntry.StringProperty(answer, "Username") ?? "";
            var secret = DockerAuthEntry.StringProperty(answer, "Secret") ?? "";
            // Older helpers (docker-credential-pass 0.6) answer an unknown server with empty fields and exit 0.
            if (user.Length == 0 && secret.Length == 0) return null;
            return user == IdentityTokenUser ? new RegistryCredential("", secret, IsIdentityToken: true) : new RegistryCredential(user, secret);
        }
        catch (JsonException e)
        {
            throw Failed("get", "its answer is not JSON", e);
        }
    }

    private (int ExitCode, string Output) Run(string action, string input)
    {
        using var process = Start(action);
        using var deadline = new CancellationTokenSource(_timeout);
        var stdout = ReadBoundedAsync(process.StandardOutput.BaseStream, process, deadline.Token);
        var stderr = ReadBoundedAsync(process.StandardError.BaseStream, process, deadline.Token);
        try
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
            var output = stdout.GetAwaiter().GetResult();
            var errors = stderr.GetAwaiter().GetResult();
            return (process.ExitCode, output.Trim().Length > 0 ? output.Trim() : errors.Trim());
        }
        catch (OperationCanceledException e)
        {
            Kill(process);
            throw Fail.Timeout("CredentialHelperTimedOut", $"The credential helper {Program} did not finish '{action}' within {_timeout.TotalSeconds:0} s.", Program, e);
        }
        catch (IOException e)
        {
            // It exited without reading its input, e.g. it does not know the action.
            Kill(process);
            throw Failed(action, e.Message, e);
        }
    }

    private Process Start(string action)
    {
        var start = new ProcessStartInfo(Program)
        {
            ArgumentList = { action },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        try
        {
            return Process.Start(start) ?? throw Failed(action, "it did not start");
        }
        catch (Win32Exception e)
        {
            throw Fail.FailedPrecondition("CredentialHelperNotFound",
                $"The credential helper {Program} that Docker's config.json names cannot be run: {e.Message}. Install it or change credsStore/credHelpers.", Program, e);
        }
    }

    // Reads at most MaxOutputBytes; a helper that writes more is stopped, since no credential is that large.
    private async Task<string> ReadBoundedAsync(Stream stream, Process process, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxOutputBytes)
            {
                Kill(process);
                throw Failed("run", $"it wrote more than {MaxOutputBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private ContainerPSException Failed(string action, string message, Exception? inner = null) =>
        Fail.Unavailable("CredentialHelperFailed", $"The credential helper {Program} failed to {action}: {Printable(message)}", Program, inner);

    // The message comes from another program: printable only, and short.
    private static string Printable(string text)
    {
        var line = RegistryFailures.Printable(text).Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
