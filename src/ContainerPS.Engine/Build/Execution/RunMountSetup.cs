using System.Security.Cryptography;
using System.Text;
using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Makes a RUN step's <c>--mount</c>s into the container's volumes and tmpfs mounts (Dockerfile reference, "RUN
/// --mount"): a cache is a directory of the store per id that outlives builds and is never in an image; a bind is
/// the build context or another stage's root, seen through an overlay whose writes are discarded; a secret is a
/// private copy of the given file. Dispose removes everything made for the step.
/// </summary>
internal sealed class RunMountSetup : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public List<string> Volumes { get; } = [];

    public List<string> Tmpfs { get; } = [];

    /// <summary>The targets, whose mount points the runtime may have made in the step's upper directory.</summary>
    public List<string> Targets { get; } = [];

    public static async Task<RunMountSetup> PrepareAsync(DockerfileInstruction instruction, BuildSession session, Func<string, string?> variables, CancellationToken ct)
    {
        var setup = new RunMountSetup();
        try
        {
            foreach (var text in instruction.FlagValues("mount"))
            {
                var expanded = DockerfileWords.Expand(text, variables, session.Escape, instruction.Location);
                await setup.AddAsync(RunMountParser.Parse(expanded, instruction.Location), session, instruction.Location, ct).ConfigureAwait(false);
            }
            return setup;
        }
        catch
        {
            setup.Dispose();
            throw;
        }
    }

    private async Task AddAsync(RunMount mount, BuildSession session, SourceLocation at, CancellationToken ct)
    {
        switch (mount.Type)
        {
            case "cache":
                Bind(CacheDirectory(session, mount), mount);
                break;
            case "tmpfs":
                Tmpfs.Add(mount.Size is { } size ? $"{mount.Target}:size={size}" : mount.Target);
                Targets.Add(mount.Target);
                break;
            case "secret":
                if (!session.Options.Secrets.TryGetValue(mount.Id!, out var file) || !File.Exists(file))
                {
                    if (mount.Required) throw BuildErrors.SecretNotFound(at, mount.Id!);
                    return; // Dockerfile reference: a secret that is not required is simply absent
                }
                var secret = SecretFile.Create(session.BuildDirectory, file, mount);
                _owned.Add(secret);
                Bind(secret.Path, mount with { ReadOnly = true });
                break;
            default:
                var lowers = mount.From is { } from ? (await session.ResolveFromAsync(from, ct).ConfigureAwait(false)).LowerDirectories : [session.Context.Directory];
                var tree = MountedTree.Mount(session.BuildDirectory, lowers);
                _owned.Add(tree);
                Bind(tree.Resolve(mount.Source ?? "/", mount.Text, at), mount);
                break;
        }
    }

    private void Bind(string hostPath, RunMount mount)
    {
        Volumes.Add(mount.ReadOnly ? $"{hostPath}:{mount.Target}:ro" : $"{hostPath}:{mount.Target}");
        Targets.Add(mount.Target);
    }

    /// <summary>One directory per cache id, made on first use with the mount's mode (0755) and owner (root).</summary>
    private static string CacheDirectory(BuildSession session, RunMount mount)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mount.Id!)));
        var directory = Path.Combine(session.CacheMountRoot, name);
        if (Directory.Exists(directory)) return directory;
        var pending = directory + "." + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(pending);
        File.SetUnixFileMode(pending, (UnixFileMode)(mount.Mode ?? 0x1ED));
        if (mount.Uid is not null || mount.Gid is not null) Native.FileOwner.Set(pending, mount.Uid ?? 0, mount.Gid ?? 0);
        try
        {
            Directory.Move(pending, directory); // two builds making one id at once: one wins, the other uses its directory
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            Directory.Delete(pending);
        }
        return directory;
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
    }
}
