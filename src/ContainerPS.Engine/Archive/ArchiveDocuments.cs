using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ContainerPS.Engine.Pull;

namespace ContainerPS.Engine.Archive;

/// <summary>Reads and parses the small JSON documents of an archive; malformed JSON is ArchiveInvalid.</summary>
internal static class ArchiveDocuments
{
    public static T Parse<T>(byte[] content, string path, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(content, type) ?? throw ArchiveErrors.Invalid($"The archive entry '{path}' is JSON null.", path);
        }
        catch (JsonException e)
        {
            throw ArchiveErrors.Invalid($"The archive entry '{path}' is not valid JSON of its kind: {e.Message}", path, e);
        }
    }

    public static T Read<T>(IArchiveEntries entries, string path, JsonTypeInfo<T> type) =>
        Parse(entries.ReadAllBytes(path, ImagePuller.MaxConfigBytes), path, type);
}
