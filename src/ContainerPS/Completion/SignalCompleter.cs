using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Completion;

/// <summary>Completes -Signal and -StopSignal with the signal names the engine takes (signal(7)), with or without <c>SIG</c> typed.</summary>
public sealed class SignalCompleter : IArgumentCompleter
{
    private const string Prefix = "SIG";

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionWord.Unquote(wordToComplete);
        return Signals.Names
            .Where(name => CompletionWord.Starts(name, word) || CompletionWord.Starts(name[Prefix.Length..], word))
            .Select(name => CompletionWord.Result(name, name, name));
    }
}
