using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Completion;

/// <summary>
/// Completes container names from the store at the command's -Root (or the default root). It never creates a
/// store: a root that does not exist completes nothing.
/// </summary>
public sealed class ContainerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return Containers(fakeBoundParameters["Root"]?.ToString() ?? ImageService.DefaultRoot)
            .Where(c => prefix.IsMatch(c.Name))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, $"{c.Name} ({c.Status}, {c.Image})"));
    }

    private static IEnumerable<ContainerInfo> Containers(string root)
    {
        if (!Directory.Exists(root)) return [];
        try
        {
            return new ContainerService(root).List();
        }
        catch (Exception exception) when (exception is Engine.Errors.ContainerPSException or IOException or UnauthorizedAccessException)
        {
            // Completion is a convenience: an unreadable store completes nothing rather than printing an error mid-typing.
            return [];
        }
    }
}
