using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ContainerPS.Shim.Cli;

/// <summary>A document on stdout, indented for the person who runs `state` or `features` (runc prints them so).</summary>
internal static class IndentedJson
{
    public static void WriteToStandardOutput<T>(T value, JsonTypeInfo<T> type)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }
        stdout.WriteByte((byte)'\n');
    }
}
