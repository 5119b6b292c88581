using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Completion;

/// <summary>Completes -CapAdd and -CapDrop with ALL and the Linux capability names (capabilities(7)), with or without <c>CAP_</c> typed.</summary>
public sealed class CapabilityCompleter : IArgumentCompleter
{
    private const string Prefix = "CAP_";

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionWord.Names(Capabilities.All.Order(StringComparer.Ordinal).Prepend(Capabilities.AllName), Prefix, wordToComplete);
}
