using System.Collections;
using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>
/// Lets every -Label take a hashtable (<c>@{ batch = 'speed' }</c>) or docker's strings (<c>batch=speed</c>, and a bare
/// <c>batch</c>), mixed as well, and turns them into one Hashtable. A bare key has the value null: on a new container it
/// is the empty label docker's <c>--label batch</c> gives, in a filter it means "has the label, whatever its value"
/// (docker ps <c>--filter label=batch</c>).
/// </summary>
internal sealed class LabelTransformation : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var labels = new Hashtable(StringComparer.Ordinal);
        foreach (var item in Items(inputData))
        {
            switch (item)
            {
                case IDictionary table:
                    foreach (DictionaryEntry entry in table) Add(labels, Unwrap(entry.Key)?.ToString(), Unwrap(entry.Value)?.ToString());
                    break;
                case null:
                    break;
                case var word:
                    var text = word.ToString() ?? "";
                    int separator = text.IndexOf('=');
                    if (separator < 0) Add(labels, text, null);
                    else Add(labels, text[..separator], text[(separator + 1)..]);
                    break;
            }
        }
        return labels;
    }

    /// <summary>One value or an array of them, each maybe wrapped in a PSObject.</summary>
    private static IEnumerable<object?> Items(object? input) => Unwrap(input) switch
    {
        IDictionary table => [table],
        string text => [text],
        IEnumerable many => many.Cast<object?>().Select(Unwrap),
        var one => [one],
    };

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static void Add(Hashtable labels, string? key, string? value)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentTransformationMetadataException("A label needs a key: use key=value, key, or @{ key = 'value' }.");
        labels[key] = value;
    }
}
