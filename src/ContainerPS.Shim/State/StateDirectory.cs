using ContainerPS.Runtime.Contract;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.State;

/// <summary>
/// &lt;state root&gt;/&lt;id&gt;/ (0700): state.json, written atomically (temp file, rename) so a reader
/// never sees half a document (no fsync: this is runtime state under /run, gone with the processes it describes on
/// a reboot, as runc's state.json is; the supervisor writes it up to four times per container); start.fifo, where `start` asks the supervisor to release the child; cgroup, the
/// container's cgroup path for cleanup when the bundle is gone; seccomp.bpf, the compiled filter for `exec` (so an
/// exec never reads the bundle again, which its owner may have changed since).
/// </summary>
internal sealed class StateDirectory
{
    public const string DefaultRoot = "/run/containerps/runtime";

    public StateDirectory(string root, string id)
    {
        ValidateId(id);
        Id = id;
        Root = root;
        Path = System.IO.Path.Combine(root, id);
    }

    public string Id { get; }
    public string Root { get; }
    public string Path { get; }
    public string StateFile => System.IO.Path.Combine(Path, StateFiles.State);
    public string StartFifo => System.IO.Path.Combine(Path, StateFiles.StartFifo);
    public string ReportFifo => System.IO.Path.Combine(Path, StateFiles.ReportFifo);
    public string StepNamesFile => System.IO.Path.Combine(Path, StateFiles.StepNames);
    public string CgroupFile => System.IO.Path.Combine(Path, StateFiles.Cgroup);
    public string SeccompFile => System.IO.Path.Combine(Path, StateFiles.SeccompProgram);
    public string ResourcesFile => System.IO.Path.Combine(Path, StateFiles.Resources);

    public bool Exists => Directory.Exists(Path);

    /// <summary>Ids become directory and cgroup names: runc's rule, letters, digits and _ . - only.</summary>
    public static void ValidateId(string id)
    {
        bool valid = id.Length is > 0 and <= 128 && char.IsAsciiLetterOrDigit(id[0])
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        if (!valid) throw new ShimException(ExitCodes.Usage, $"invalid container id '{id}'");
    }

    /// <summary>Creates the directory; an existing one means the id is taken.</summary>
    /// <remarks>
    /// The engine removes a state root once its last container is gone; if that happens between creating the root
    /// and the container's directory (ENOENT), the root is made again, a bounded number of times.
    /// </remarks>
    public void Create()
    {
        for (int attempt = 0; ; attempt++)
        {
            Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (Native.Sys.Mkdir(Path, 0x1c0) == 0) return;
            int errno = Native.Sys.LastError;
            if (errno == Native.Linux.ENOENT && attempt < 3) continue;
            if (errno == Native.Linux.EEXIST) throw new ShimException(ExitCodes.AlreadyExists, $"container '{Id}' already exists");
            throw new ShimException(ExitCodes.Failure, $"cannot create {Path}: {Native.Errno.Describe(errno)}");
        }
    }

    public ContainerState Read()
    {
        try
        {
            using var stream = File.OpenRead(StateFile);
            return JsonSerializer.Deserialize(stream, RuntimeJsonContext.Default.ContainerState)
                ?? throw new ShimException(ExitCodes.Failure, $"{StateFile} is empty");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShimException(ExitCodes.NotFound, $"container '{Id}' does not exist", e);
        }
        catch (JsonException e)
        {
            throw new ShimException(ExitCodes.Failure, $"{StateFile} is not a valid state document: {e.Message}", e);
        }
    }

    public bool TryRead(out ContainerState state)
    {
        try
        {
            state = Read();
            return true;
        }
        catch (ShimException e) when (e.ExitCode == ExitCodes.NotFound)
        {
            state = null!;
            return false;
        }
    }

    public void Write(ContainerState state)
    {
        string temporary = StateFile + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, RuntimeJsonContext.Default.ContainerState);
        }
        File.Move(temporary, StateFile, overwrite: true);
    }

    /// <summary>Unmonitored: the init's step names, so `start` can name the one that failed after the release.</summary>
    public void WriteStepNames(IEnumerable<string> names) => File.WriteAllLines(StepNamesFile, names);

    public string StepName(long index) =>
        File.Exists(StepNamesFile) && File.ReadAllLines(StepNamesFile) is var names && index >= 0 && index < names.Length
            ? names[index] : $"#{index}";

    /// <summary>Once the init runs: its fifos and step names are of no further use (runc removes exec.fifo at start too).</summary>
    public void RemoveReleaseFiles()
    {
        foreach (string file in new[] { StartFifo, ReportFifo, StepNamesFile }) File.Delete(file);
    }

    /// <summary>The container's linux.resources after its last `update`; null before the first.</summary>
    public ResourcesSpec? ReadResources() => File.Exists(ResourcesFile)
        ? JsonSerializer.Deserialize(File.ReadAllText(ResourcesFile), RuntimeJsonContext.Default.ResourcesSpec) : null;

    public void WriteResources(ResourcesSpec resources)
    {
        string temporary = ResourcesFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(resources, RuntimeJsonContext.Default.ResourcesSpec));
        File.Move(temporary, ResourcesFile, overwrite: true);
    }

    public void WriteCgroupPath(string cgroupPath) => File.WriteAllText(CgroupFile, cgroupPath);

    public string? ReadCgroupPath() => File.Exists(CgroupFile) ? File.ReadAllText(CgroupFile) : null;

    /// <summary>A hard link to the cache entry where there is one on this file system (one link(2): writing the
    /// program again cost ~0.15 ms of every start); otherwise a copy of its own.</summary>
    public void WriteSeccompFilter(Seccomp.CompiledSeccomp compiled)
    {
        if (compiled.CacheEntry is { } entry && Native.Sys.Link(entry, SeccompFile) == 0) return;
        Seccomp.SeccompFilterFile.Write(SeccompFile, new Seccomp.SeccompFilterFile([], "", compiled.Filter));
    }

    /// <summary>null without a filter; a damaged file fails the exec rather than run it unconfined.</summary>
    public Seccomp.SeccompFilter? ReadSeccompFilter()
    {
        if (!File.Exists(SeccompFile)) return null;
        return Seccomp.SeccompFilterFile.Read(SeccompFile)?.Filter
            ?? throw new ShimException(ExitCodes.Failure, $"{SeccompFile} is damaged");
    }

    public void Delete()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
