using System.Text.Json;
using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Shim.Events;

/// <summary>
/// One event of `events` as a line of JSON in runc's shape (runc/types/events.go): {"type":"stats","id":ID,"data":
/// {...}} and {"type":"oom","id":ID}. The stats carry what the cgroup readers sample (CgroupStats): cpu.usage.total,
/// memory.usage.usage/limit and memory.raw's inactive_file, pids.current/limit; runc's other counters are left out
/// rather than written as zeros that would read as measured.
/// </summary>
internal static class EventJson
{
    public static void WriteStats(Stream output, string id, CgroupStats stats) => Write(output, "stats", id, writer =>
    {
        writer.WriteStartObject("data");
        writer.WriteStartObject("cpu");
        writer.WriteStartObject("usage");
        writer.WriteNumber("total", stats.CpuUsageNanoseconds);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("memory");
        writer.WriteStartObject("usage");
        writer.WriteNumber("usage", stats.MemoryUsage);
        if (stats.MemoryLimit is ulong limit) writer.WriteNumber("limit", limit);
        writer.WriteEndObject();
        writer.WriteStartObject("raw");
        writer.WriteNumber("inactive_file", stats.MemoryInactiveFile);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("pids");
        writer.WriteNumber("current", stats.PidsCurrent);
        if (stats.PidsLimit is ulong pidsLimit) writer.WriteNumber("limit", pidsLimit);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static void WriteOom(Stream output, string id) => Write(output, "oom", id, _ => { });

    private static void Write(Stream output, string type, string id, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            body(writer);
            writer.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }
}
