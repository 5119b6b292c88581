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
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionWord.Names(Signals.Names, Prefix, wordToComplete);
}
