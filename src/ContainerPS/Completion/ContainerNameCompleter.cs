using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

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
        var prefix = WildcardPattern.Get(CompletionWord.Unquote(wordToComplete) + "*", WildcardOptions.IgnoreCase);
        return CompletionStore.Containers(fakeBoundParameters)
            .Where(c => prefix.IsMatch(c.Name))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => CompletionWord.Result(c.Name, c.Name, $"{c.Name} ({c.Status}, {c.Image})"));
    }
}
