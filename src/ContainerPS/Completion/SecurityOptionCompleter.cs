using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ContainerPS.Completion;

/// <summary>Completes -SecurityOption with the items ContainerPS knows (Engine/Security/SecurityOptions); a profile's path follows <c>seccomp=</c>.</summary>
public sealed class SecurityOptionCompleter : IArgumentCompleter
{
    private static readonly (string Text, string ToolTip)[] Items =
    [
        ("seccomp=unconfined", "Run without a seccomp filter."),
        ("seccomp=", "seccomp=<profile.json>: a docker or OCI seccomp profile instead of the default one."),
        ("no-new-privileges", "Keep no_new_privs set (the default)."),
        ("no-new-privileges=false", "Let setuid programs in the container gain privileges."),
    ];

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionWord.Unquote(wordToComplete);
        return Items.Where(item => CompletionWord.Starts(item.Text, word)).Select(item => CompletionWord.Result(item.Text, item.Text, item.ToolTip));
    }
}
