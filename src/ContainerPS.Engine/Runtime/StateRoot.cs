using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.State;
using ContainerPS.Runtime.Contract;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Where the supervisor keeps live state for one store: <c>/run/containerps/&lt;12 hex of sha256(store root)&gt;</c>
/// (issue-3 contract), so that throwaway test roots never share container ids or state. The engine reads
/// <c>&lt;id&gt;/state.json</c> directly: listing a hundred containers spawns no process.
/// </summary>
internal sealed class StateRoot(string storeRoot)
{
    private const string Base = "/run/containerps";

    public string Path { get; } = System.IO.Path.Combine(Base, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(storeRoot)))[..12]);

    public string DirectoryOf(string id) => System.IO.Path.Combine(Path, id);

    public bool Exists(string id) => Directory.Exists(DirectoryOf(id));

    /// <summary>The container's cgroup path: the one the supervisor recorded in the state directory's <c>cgroup</c> file, else the default.</summary>
    public string CgroupPathOf(string id)
    {
        var file = System.IO.Path.Combine(DirectoryOf(id), StateFiles.Cgroup);
        var recorded = File.Exists(file) ? File.ReadAllText(file).Trim() : "";
        return recorded.Length > 0 ? recorded : $"/containerps/{id}";
    }

    /// <summary>
    /// Removes this store's state root once it holds no container, so throwaway stores leave nothing in /run.
    /// rmdir(2) refuses a non-empty directory, so a container created meanwhile is never touched (the supervisor
    /// makes the root again if it raced with this).
    /// </summary>
    public void RemoveIfEmpty()
    {
        try
        {
            Directory.Delete(Path, recursive: false);
        }
        catch (IOException)
        {
            // not empty (another container lives here) or already gone
        }
    }

    /// <summary>Removes a stopped container's state directory (what the supervisor's `delete` does once the cgroup is gone).</summary>
    public void Delete(string id)
    {
        try
        {
            Directory.Delete(DirectoryOf(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>The state the supervisor last wrote, paused while `pause` says so; null when there is none (never started, or deleted).</summary>
    public ContainerState? Read(string id)
    {
        try
        {
            var directory = DirectoryOf(id);
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(System.IO.Path.Combine(directory, StateFiles.State)), RuntimeJsonContext.Default.ContainerState);
            return state is null ? null : PausedMarker.Apply(state, directory);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null; // written atomically by the supervisor, so only a foreign or broken file gets here
        }
    }
}
