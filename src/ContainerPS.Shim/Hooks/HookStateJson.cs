using System.Text.Json;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Hooks;

/// <summary>
/// The state a hook reads on its stdin: runtime.md "State" (ociVersion, id, status, pid, bundle, annotations), the
/// fields only, not ContainerPS's extras in state.json.
/// </summary>
internal static class HookStateJson
{
    /// <summary>What follows the pid in a <see cref="PidHead"/> state.</summary>
    public static ReadOnlySpan<byte> PidTail => "}"u8;

    /// <summary>The whole state, <paramref name="status"/> and the pid as the runtime namespace sees it.</summary>
    public static byte[] Of(ContainerState state, string status) => Write(state, status, state.Pid);

    /// <summary>
    /// The state up to <c>"pid":</c>, for a hook the container child runs: native/hook.c writes getpid() and
    /// <see cref="PidTail"/> after it, the pid as the container sees it (1 in a new pid namespace, as runc's init
    /// fills it in for createContainer and startContainer).
    /// </summary>
    public static byte[] PidHead(ContainerState state, string status)
    {
        byte[] json = Write(state, status, pid: null);
        return [.. json.AsSpan(0, json.Length - 1), .. ",\"pid\":"u8];
    }

    private static byte[] Write(ContainerState state, string status, int? pid)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ociVersion", state.OciVersion);
            writer.WriteString("id", state.Id);
            writer.WriteString("status", status);
            writer.WriteString("bundle", state.Bundle);
            if (state.Annotations is { Count: > 0 } annotations)
            {
                writer.WriteStartObject("annotations");
                foreach (var (key, value) in annotations) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            if (pid is int known) writer.WriteNumber("pid", known);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
