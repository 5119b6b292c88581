using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ContainerPS.Completion;

/// <summary>
/// Completes -Id with the ids of the containers in the store at the command's -Root (or the default root), listed by
/// their short id and name. It never creates a store.
/// </summary>
public sealed class ContainerIdCompleter : IArgumentCompleter
{
    private const int ShortIdLength = 12;

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionWord.Unquote(wordToComplete);
        return CompletionStore.Containers(fakeBoundParameters)
            .Where(c => CompletionWord.Starts(c.Id, word))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => CompletionWord.Result(c.Id, $"{c.Id[..Math.Min(ShortIdLength, c.Id.Length)]} {c.Name}", $"{c.Name} ({c.Status}, {c.Image})"));
    }
}
