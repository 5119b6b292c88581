using System.Text.Json;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// The exec form of an instruction's arguments (Dockerfile reference, "Shell and exec form"): text starting with
/// <c>[</c> that is one valid JSON array. Text that is not valid JSON is shell form; a valid array holding anything but
/// strings is an error in BuildKit ("arrays must be comprised of strings only").
/// </summary>
internal static class ExecForm
{
    public static (ExecFormKind Kind, string[]? Words) Read(string text)
    {
        string trimmed = text.TrimStart();
        if (!trimmed.StartsWith('[')) return (ExecFormKind.Shell, null);
        JsonDocument document;
        try { document = JsonDocument.Parse(trimmed); }
        catch (JsonException) { return (ExecFormKind.Shell, null); }
        using (document) return WordsOf(document.RootElement);
    }

    private static (ExecFormKind Kind, string[]? Words) WordsOf(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array) return (ExecFormKind.Shell, null);
        if (array.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String)) return (ExecFormKind.NotStrings, null);
        return (ExecFormKind.Strings, array.EnumerateArray().Select(item => item.GetString()!).ToArray());
    }
}
