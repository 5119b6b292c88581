using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.State;

/// <summary>
/// The monitor's durable copy of state.json (Annotations.StateCopy, docs/runtime-contract.md "State that survives"):
/// written like state.json (temp file and rename), and for the final state fsync'd before the rename, so after a
/// crash or a reboot the file is the old record or the new one, never a torn one.
/// </summary>
internal static class StateCopy
{
    public static void Write(string path, ContainerState state, bool sync)
    {
        string temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, RuntimeJsonContext.Default.ContainerState);
                if (sync) stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The copy is for after a reboot; state.json in /run stays the truth while the host runs, so a store that
            // cannot be written (full, read-only, removed under a running container) must not stop the container.
        }
    }
}
