using System.Collections;

namespace ContainerPS.Commands;

/// <summary>An -Environment hashtable as the engine takes it: keys and values as strings (a null value is empty).</summary>
internal static class EnvironmentTable
{
    public static Dictionary<string, string> ToDictionary(Hashtable? table) =>
        table?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? "", e => e.Value?.ToString() ?? "", StringComparer.Ordinal) ?? [];
}
