using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Networking;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Runtime.Commit;
using ContainerPS.Engine.Runtime.Copy;
using ContainerPS.Engine.Runtime.Processes;
using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The container side of the engine in one facade for the cmdlets, as <see cref="ImageService"/> is for images:
/// create, start, stop, kill, wait for, list, rename and remove containers of the store at <see cref="Root"/>, and
/// read their logs and stats. It keeps no state beyond the root: container.json and the supervisor's state.json
/// are read afresh on every call, so several pwsh sessions (and sessions started after this one ends) agree.
/// Containers are named by full id, name or unique id prefix.
/// </summary>
public sealed class ContainerService
{
    private readonly ContainerStore _store;
    private readonly StateRoot _state;
    private readonly ContainerLifecycle _lifecycle;
    private readonly ContainerUpdater _updater;
    private readonly ContainerCreator _creator;
    private readonly ShimClient _shim;
    private readonly ContainerNetworking _networking;
    private readonly ContainerImageUse _imageUse;

    public ContainerService(string root)
    {
        Images = new ImageService(root);
        _store = new ContainerStore(Images.Layout);
        _state = new StateRoot(Images.Root);
        _shim = new ShimClient(_state);
        var networks = new NetworkStore(Images.Layout);
        _networking = new ContainerNetworking(_store, networks, _state);
        _lifecycle = new ContainerLifecycle(_store, _state, _shim, _networking);
        _updater = new ContainerUpdater(_store, _state, _shim);
        _creator = new ContainerCreator(Images, _store, _lifecycle, _networking);
        Networks = new NetworkService(networks, _store, _networking);
        _imageUse = new ContainerImageUse(_store, _state);
    }

    public string Root => Images.Root;

    /// <summary>The image side of the same store, for pulls before a create.</summary>
    public ImageService Images { get; }

    /// <summary>The store's bridge networks (New-, Get-, Remove-ContainerNetwork).</summary>
    public NetworkService Networks { get; }

    /// <summary>
    /// The container's address on its bridge network (what a port proxy connects to), or null when it has none:
    /// network none or host, or never started. It stays the same while the container exists.
    /// </summary>
    public string? IPAddressOf(string nameOrId) => _networking.AttachmentOf(_store.Resolve(nameOrId).Id)?.IPAddress;

    /// <summary>Where the supervisor keeps this store's live state (<c>/run/containerps/&lt;hash&gt;</c>).</summary>
    public string StateRoot => _state.Path;

    /// <summary>This host and what its containers get (Get-ContainerHost, docker info).</summary>
    public ContainerHostInfo Host() =>
        ContainerHostReader.Read(_shim.Features(), _shim.Binary, Root, StateRoot, Images.ListImages().Count, List());

    public ContainerInfo Create(CreateOptions options, CancellationToken ct = default) => Info(_creator.Create(options, ct));

    /// <summary>
    /// docker run without a terminal: creates and starts. The container's supervisor is started first, while this
    /// process writes the record and the bundle, and released when they are ready (<see cref="PendingSupervisor"/>).
    /// </summary>
    public ContainerInfo Run(CreateOptions options, CancellationToken ct = default)
    {
        var id = ContainerIds.New();
        using var supervisor = _shim.BeginCreateStarted(id, _store.PathsOf(id).Directory);
        var record = _creator.Create(options, ct, id);
        _lifecycle.Start(record, ct, pending: supervisor);
        return Info(record);
    }

    /// <summary>Starts a container; one whose start fails is removed with -AutoRemove, as it would be after it exits.</summary>
    public ContainerInfo Start(string nameOrId, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        try
        {
            _lifecycle.Start(record, ct);
        }
        catch (ContainerPSException) when (record.Options.AutoRemove)
        {
            ReleaseLayersOfRemovedImage(record);
            throw;
        }
        return Info(record);
    }

    /// <summary>docker stop: the stop signal (or <paramref name="signal"/>), then SIGKILL after <paramref name="timeout"/> (the container's StopTimeout when null).</summary>
    public ContainerInfo Stop(string nameOrId, TimeSpan? timeout = null, string? signal = null, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        var grace = timeout ?? TimeSpan.FromSeconds(record.Options.StopTimeout ?? ContainerInfoBuilder.DefaultStopTimeout);
        _lifecycle.Stop(record, grace, signal, ct);
        return Info(_store.Resolve(record.Id));
    }

    public void Kill(string nameOrId, string signal = "SIGKILL") => _lifecycle.Kill(_store.Resolve(nameOrId), signal);

    /// <summary>docker pause: every process of the running container frozen (freezer v1, cgroup.freeze v2).</summary>
    public ContainerInfo Pause(string nameOrId, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        _lifecycle.Pause(record, ct);
        return Info(record);
    }

    /// <summary>docker unpause.</summary>
    public ContainerInfo Resume(string nameOrId, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        _lifecycle.Resume(record, ct);
        return Info(record);
    }

    /// <summary>docker update: the limits named in <paramref name="changes"/>, live for a running container and kept for its next start.</summary>
    public ContainerInfo Update(string nameOrId, ContainerLimits changes, CancellationToken ct = default) =>
        Info(_updater.Update(_store.Resolve(nameOrId), changes, ct));

    public ContainerInfo Restart(string nameOrId, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var stopped = Stop(nameOrId, timeout, null, ct);
        return Start(stopped.Id, ct);
    }

    /// <summary>
    /// docker start -ai: sets the container up, gives this process's terminal to its pty (it was created with
    /// <see cref="CreateOptions.Tty"/>), then starts it, so the first output reaches the terminal. Returns when its
    /// process exits or the user detaches (ctrl-p ctrl-q); the caller reads the exit from <see cref="Get"/> or <see cref="Wait"/>.
    /// </summary>
    public void StartAttached(string nameOrId, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        if (!record.Options.Tty)
            throw Fail.FailedPrecondition("ContainerHasNoTerminal", $"Container '{record.Name}' was created without -Tty: there is no terminal to attach to.", record.Name);
        _lifecycle.Start(record, ct, runAtOnce: false);
        _shim.Attach(record.Id, startCreated: true, ct);
    }

    /// <summary>Blocks until the container exits and returns it; ContainerWaitTimeout after <paramref name="timeout"/> (infinite: <see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public ContainerInfo Wait(string nameOrId, TimeSpan timeout, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        // Ended before a reboot: nothing will run it again unless it is started, so there is nothing to wait for.
        if (!_state.Exists(record.Id) && LastState.Read(_store.PathsOf(record.Id)) is { } last) return Info(record, last);
        return Info(record, _lifecycle.Wait(record, timeout, ct));
    }

    /// <summary>
    /// podman wait --condition running: returns once the container runs (at once if it does);
    /// ContainerWaitTimeout after <paramref name="timeout"/>. The state is polled: nothing signals a start.
    /// </summary>
    public ContainerInfo WaitUntilRunning(string nameOrId, TimeSpan timeout, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        for (var delay = TimeSpan.FromMilliseconds(1); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks)))
        {
            var info = Info(_store.TryRead(record.Id) ?? throw ContainerErrors.NotFound(nameOrId));
            if (info.Status == ContainerStatusKind.Running) return info;
            if (DateTime.UtcNow >= deadline)
                throw Fail.Timeout("ContainerWaitTimeout", $"Container '{record.Name}' was not running after {timeout}.", record.Name);
            ct.WaitHandle.WaitOne(delay);
            ct.ThrowIfCancellationRequested();
        }
    }

    public void Remove(string nameOrId, bool force = false, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        _lifecycle.Remove(record, force, ct);
        ReleaseLayersOfRemovedImage(record);
    }

    /// <summary>
    /// docker rmi: refused (ImageInUse) while a container uses the image. With <paramref name="force"/> the image goes
    /// from under stopped containers, whose root layers stay until the last of them is removed; the image of a running
    /// container is never removed, as docker refuses even with -f.
    /// </summary>
    public void RemoveImage(ImageInfo image, bool force)
    {
        var users = _imageUse.UsersOf(image.Id);
        var running = users.Where(u => u.Running).Select(u => u.Container.Name).ToList();
        if (running.Count > 0)
            throw ImageInUse(image, $"is used by running container {string.Join(", ", running)}; stop it first (-Force does not remove the image of a running container)");
        if (users.Count > 0 && !force)
            throw ImageInUse(image, $"is used by container {string.Join(", ", users.Select(u => u.Container.Name))}; remove it first, or use -Force to remove the image and keep its layers for the container");
        Images.RemoveImage(image, _imageUse.SnapshotsInUse);
    }

    /// <summary>Whether any container was created from <paramref name="image"/> (docker image prune leaves those alone).</summary>
    public bool IsImageInUse(ImageInfo image) => _imageUse.UsersOf(image.Id).Count > 0;

    private static ContainerPSException ImageInUse(ImageInfo image, string reason) =>
        Fail.FailedPrecondition("ImageInUse", $"Image {image.Id.ShortId} {reason}.", image.Id.ToString());

    /// <summary>A container whose image was removed with -Force held its layers; the last one to go releases them.</summary>
    private void ReleaseLayersOfRemovedImage(ContainerRecord record)
    {
        if (Digest.TryParse(record.ImageId, out var imageId) && !Images.HasImageConfig(imageId)) Images.CollectGarbage(_imageUse.SnapshotsInUse);
    }

    public ContainerInfo Rename(string nameOrId, string newName, CancellationToken ct = default)
    {
        ContainerNames.Validate(newName);
        using var names = _store.LockNames(ct);
        var record = _store.Resolve(nameOrId);
        if (record.Name == newName) return Info(record);
        if (_store.List().Any(r => r.Name == newName)) throw ContainerErrors.NameInUse(newName);
        var renamed = record with { Name = newName, Options = record.Options with { Name = newName } };
        _store.Write(renamed);
        _networking.Renamed(renamed.Id, ct);
        return Info(renamed);
    }

    /// <summary>
    /// docker exec: starts <paramref name="options"/>' command in the running container and returns at once; read
    /// the result's output, then its exit code. ContainerNotFound, ContainerNotRunning; the command not starting is
    /// ExecFailed when the output has been read.
    /// </summary>
    public ContainerExec Exec(string nameOrId, ExecOptions options)
    {
        var (record, work) = PrepareExec(nameOrId, options);
        try
        {
            var run = _shim.Exec(record.Id, ContainerExec.ProcessFile(work.FullName), ContainerExec.StatusFile(work.FullName));
            return new ContainerExec(run, work, record.Id, record.Name);
        }
        catch
        {
            work.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>
    /// docker exec -it: runs <paramref name="options"/>' command (a shell) on a pty of the container's, connected to
    /// this process's terminal, and returns its exit code once it has exited (128 + signal when a signal ended it).
    /// ContainerNotFound, ContainerNotRunning; ExecFailed when it could not be started.
    /// </summary>
    public int Enter(string nameOrId, ExecOptions options, CancellationToken ct = default)
    {
        var (record, work) = PrepareExec(nameOrId, options with { Tty = true });
        try
        {
            string statusFile = ContainerExec.StatusFile(work.FullName);
            int shimExit = _shim.ExecInTerminal(record.Id, ContainerExec.ProcessFile(work.FullName), statusFile, ct);
            ct.ThrowIfCancellationRequested();
            // The shim's stderr was the terminal: a failure's reason is in the status file.
            return ExecStatus.Read(statusFile, "").ExitCodeOrThrow(record.Name, shimExit);
        }
        finally { work.Delete(recursive: true); }
    }

    /// <summary>The running container and a directory holding the process object its exec runs (ExecProcessBuilder).</summary>
    private (ContainerRecord Record, DirectoryInfo Work) PrepareExec(string nameOrId, ExecOptions options)
    {
        var record = _store.Resolve(nameOrId);
        var status = LiveStatus.Of(_state.Read(record.Id));
        if (status == ContainerStatusKind.Paused) throw ContainerErrors.Paused(record); // docker exec refuses too
        if (status != ContainerStatusKind.Running) throw ContainerErrors.NotRunning(record);
        var paths = _store.PathsOf(record.Id);
        var process = ExecProcessBuilder.Build(paths, BundleSpec.Read(paths), options);
        return (record, ContainerExec.Prepare(process));
    }

    /// <summary>The container's upper directory, where its changes to the image are (a build step's layer).</summary>
    internal string UpperOf(string nameOrId) => _store.PathsOf(_store.Resolve(nameOrId).Id).Upper;

    public ContainerInfo Get(string nameOrId) => Info(_store.Resolve(nameOrId));

    /// <summary>
    /// Every container, oldest first. There is no daemon to remove an -AutoRemove container the moment it exits
    /// (unless a Start-Container -Wait was watching it): listing removes the ones that have exited since.
    /// </summary>
    public IReadOnlyList<ContainerInfo> List()
    {
        var all = _store.List().Select(Info).ToList();
        foreach (var exited in all.Where(c => c.AutoRemove && c.Status == ContainerStatusKind.Exited).ToList())
        {
            if (TryRemove(exited.Id)) all.Remove(exited);
        }

        return all;
    }

    /// <summary>Log lines from ctr.log; with <see cref="LogQuery.Follow"/> the sequence ends when the container exits.</summary>
    public IEnumerable<ContainerLogEntry> Logs(string nameOrId, LogQuery query, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        return ReadLogs(record, query, ct);
    }

    /// <summary>The current end of the container's log, to follow only what a start about to happen writes.</summary>
    public long LogPosition(string nameOrId)
    {
        var file = new FileInfo(_store.PathsOf(_store.Resolve(nameOrId).Id).LogFile);
        return file.Exists ? file.Length : 0;
    }

    private IEnumerable<ContainerLogEntry> ReadLogs(ContainerRecord record, LogQuery query, CancellationToken ct)
    {
        using var watch = new ExitWatch(_state, record.Id);
        foreach (var entry in new JsonFileLogReader(_store.PathsOf(record.Id).LogFile, record.Id).Read(query, watch, ct)) yield return entry;
    }

    /// <summary>
    /// docker stats for running containers: a batch per round, every <paramref name="interval"/>, each against the
    /// round before; <paramref name="maxRounds"/> null means until cancelled or every container has exited. A container
    /// that is not running is ContainerNotRunning.
    /// </summary>
    public IEnumerable<IReadOnlyList<ContainerStatsInfo>> Stats(IReadOnlyList<string> namesOrIds, TimeSpan interval, int? maxRounds, CancellationToken ct = default)
    {
        var containers = namesOrIds.Select(Get).ToList();
        if (containers.FirstOrDefault(c => c.Status is not (ContainerStatusKind.Running or ContainerStatusKind.Paused)) is { } stopped)
            throw Fail.FailedPrecondition("ContainerNotRunning", $"Container '{stopped.Name}' is not running.", stopped.Name);
        return new StatsSampler(containers).Run(interval, maxRounds, ct);
    }

    /// <summary>
    /// docker cp of one item: <paramref name="source"/> on one side to <paramref name="destination"/> on the other, with
    /// docker cp's rules for existing directories and trailing slashes. Container paths are resolved inside the
    /// container's root by fd; a stopped container's root is mounted for the copy under its lock.
    /// </summary>
    public CopiedItem Copy(string nameOrId, CopyDirection direction, string source, string destination, CancellationToken ct = default)
    {
        var record = _store.Resolve(nameOrId);
        using var root = new ContainerRootOpener(_store, _state).Open(record, ct);
        ICopyTree container = new ContainerTree(root.Fd), host = new HostTree();
        var copy = direction == CopyDirection.ToContainer ? new PathCopy(host, container, ct) : new PathCopy(container, host, ct);
        return copy.Copy(source, destination);
    }

    /// <summary>docker commit: a new image of the container's image with its changes as one more layer (docs/commit.md).</summary>
    public Task<ImageInfo> CommitAsync(string nameOrId, CommitOptions options, CancellationToken ct = default) =>
        new ContainerCommitter(Images, _store, _state).CommitAsync(nameOrId, options, ct);

    /// <summary>docker diff: the paths the container added, changed or deleted against its image, sorted by path.</summary>
    public IReadOnlyList<ContainerChange> Changes(string nameOrId)
    {
        var paths = _store.PathsOf(_store.Resolve(nameOrId).Id);
        var lowers = new LowerLayers(BundleSpec.LowerDirs(BundleSpec.Read(paths)));
        return [.. ChangeList.Compute(paths.Upper, lowers).OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    /// <summary>docker export: the container's root file system as one tar at <paramref name="destination"/>, written atomically.</summary>
    public void Export(string nameOrId, string destination, bool force, CancellationToken ct = default)
    {
        var paths = _store.PathsOf(_store.Resolve(nameOrId).Id);
        ContainerExporter.Export(paths, BundleSpec.LowerDirs(BundleSpec.Read(paths)), destination, force, ct);
    }

    /// <summary>docker top: the processes in a running container's cgroup; ContainerNotRunning otherwise.</summary>
    public IReadOnlyList<ContainerProcessInfo> Processes(string nameOrId)
    {
        var record = _store.Resolve(nameOrId);
        var state = _state.Read(record.Id);
        if (!LiveStatus.IsLive(state)) throw ContainerErrors.NotRunning(record);
        var fd = RunningRootOpener.TryOpen(state!);
        using var root = fd is null ? null : new ContainerRoot(fd);
        try
        {
            return new ProcessLister(_state).List(record, root);
        }
        catch (CgroupException e) when (e.ErrorId == CgroupErrorIds.NotFound)
        {
            throw ContainerErrors.NotRunning(record); // it exited and the supervisor removed its cgroup
        }
    }

    private ContainerInfo Info(ContainerRecord record) => Info(record, StateOf(record));

    private ContainerInfo Info(ContainerRecord record, ContainerState? state) =>
        ContainerInfoBuilder.Build(record, state, _networking.AttachmentOf(record.Id)?.IPAddress);

    /// <summary>The supervisor's state; once a reboot has emptied /run, what the monitor's copy in the store says.</summary>
    private ContainerState? StateOf(ContainerRecord record) => _state.Read(record.Id) ?? LastState.Read(_store.PathsOf(record.Id));

    private bool TryRemove(string id)
    {
        try
        {
            var record = _store.Resolve(id);
            _lifecycle.Remove(record, force: false, CancellationToken.None);
            ReleaseLayersOfRemovedImage(record);
            return true;
        }
        catch (ContainerPSException)
        {
            return false; // someone else removed or restarted it meanwhile
        }
    }
}
