using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Images;

namespace ContainerPS.Completion;

/// <summary>
/// Completes -Reference with the familiar names of local images, read from the store at the command's -Root
/// (or the default root). It never creates a store: a root that does not exist completes nothing.
/// </summary>
public sealed class ImageNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = ImageNameMatch.Pattern(CompletionWord.Unquote(wordToComplete) + "*");
        return CompletionStore.ImageNames(fakeBoundParameters)
            .Where(name => prefix.IsMatch(name))
            .Order(StringComparer.Ordinal)
            .Select(name => CompletionWord.Result(name, name, name));
    }
}
