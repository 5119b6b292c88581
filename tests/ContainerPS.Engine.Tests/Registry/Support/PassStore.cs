using System.Diagnostics;
using System.Text;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// A throwaway pass(1) store for the real docker-credential-pass (Debian golang-docker-credential-helpers): a gpg key
/// without passphrase in a temporary GNUPGHOME, <c>pass init</c> in a temporary PASSWORD_STORE_DIR. Both variables are
/// set for this process while it lives, so the helper the engine runs finds them; only gpg and pass read them.
/// </summary>
public sealed class PassStore : IDisposable
{
    private readonly string _gnupgHome = Directory.CreateTempSubdirectory("cps-gpg-").FullName;
    private readonly string _storeDir = Directory.CreateTempSubdirectory("cps-pass-").FullName;
    private readonly string? _previousGnupgHome = Environment.GetEnvironmentVariable("GNUPGHOME");
    private readonly string? _previousStoreDir = Environment.GetEnvironmentVariable("PASSWORD_STORE_DIR");

    public PassStore()
    {
        File.SetUnixFileMode(_gnupgHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("GNUPGHOME", _gnupgHome);
        Environment.SetEnvironmentVariable("PASSWORD_STORE_DIR", _storeDir);
        Run("gpg", "--batch", "--passphrase", "", "--quick-gen-key", "containerps test <test@containerps.invalid>", "default", "default", "never");
        var fingerprint = Run("gpg", "--list-keys", "--with-colons").Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        Run("pass", "init", fingerprint);
    }

    /// <summary>The secret pass holds where docker-credential-pass stores <paramref name="serverUrl"/>'s <paramref name="user"/>, or null.</summary>
    public string? Secret(string serverUrl, string user)
    {
        var entry = $"docker-credential-helpers/{Convert.ToBase64String(Encoding.UTF8.GetBytes(serverUrl))}/{user}";
        return File.Exists(Path.Combine(_storeDir, entry + ".gpg")) ? Run("pass", "show", entry).TrimEnd('\n') : null;
    }

    /// <summary>Every file the store holds, relative to it.</summary>
    public IReadOnlyList<string> Entries() =>
        Directory.GetFiles(_storeDir, "*.gpg", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_storeDir, f)).ToList();

    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {errors.Result}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Run("gpgconf", "--kill", "gpg-agent");
        }
        finally
        {
            Environment.SetEnvironmentVariable("GNUPGHOME", _previousGnupgHome);
            Environment.SetEnvironmentVariable("PASSWORD_STORE_DIR", _previousStoreDir);
            Directory.Delete(_gnupgHome, recursive: true);
            Directory.Delete(_storeDir, recursive: true);
        }
    }
}
