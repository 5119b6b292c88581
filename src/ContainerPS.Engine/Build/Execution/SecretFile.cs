namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// A copy of a secret for one step (Dockerfile reference, "RUN --mount=type=secret"), with the mount's mode (0400 by
/// default) and owner, in a private directory of the build, bind-mounted read-only at its target. It is never in a
/// layer (the mount point is removed before the layer is written) or in the history; Dispose deletes it.
/// </summary>
internal sealed class SecretFile : IDisposable
{
    private const UnixFileMode DefaultMode = UnixFileMode.UserRead;
    private readonly string _directory;

    private SecretFile(string directory) => _directory = directory;

    public string Path => System.IO.Path.Combine(_directory, "secret");

    public static SecretFile Create(string buildDirectory, string hostFile, RunMount mount)
    {
        var secret = new SecretFile(System.IO.Path.Combine(buildDirectory, Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(secret._directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            File.Copy(hostFile, secret.Path);
            File.SetUnixFileMode(secret.Path, mount.Mode is { } mode ? (UnixFileMode)mode : DefaultMode);
            if (mount.Uid is not null || mount.Gid is not null)
                Native.FileOwner.Set(secret.Path, mount.Uid ?? 0, mount.Gid ?? 0);
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
