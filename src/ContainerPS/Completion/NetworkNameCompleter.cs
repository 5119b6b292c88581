using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Networking;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Completion;

/// <summary>
/// Completes -Network: the docker words Bridge, None and Host, then the networks of the store at the command's
/// -Root. It never creates a store.
/// </summary>
public sealed class NetworkNameCompleter : IArgumentCompleter
{
    private static readonly string[] Modes = ["Bridge", "None", "Host"];

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        var names = parameterName == "Network" ? Modes.Concat(Networks(fakeBoundParameters["Root"]?.ToString())) : Networks(fakeBoundParameters["Root"]?.ToString());
        return names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(prefix.IsMatch)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }

    private static IEnumerable<string> Networks(string? root)
    {
        root ??= ImageService.DefaultRoot;
        if (!Directory.Exists(root)) return [];
        try
        {
            return new ContainerService(root).Networks.List().Where(n => !n.BuiltIn).Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
        catch (Exception exception) when (exception is Engine.Errors.ContainerPSException or IOException or UnauthorizedAccessException)
        {
            return []; // completion never prints errors mid-typing
        }
    }
}
