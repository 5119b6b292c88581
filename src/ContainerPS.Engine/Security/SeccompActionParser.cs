using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>An action in our format: <c>allow</c>, <c>errno NAME|NUMBER</c>, <c>kill</c>, <c>kill_process</c>,
/// <c>kill_thread</c>, <c>trap</c> or <c>log</c> (SCMP_ACT_ plus the word in capitals).</summary>
internal static class SeccompActionParser
{
    public static (string Action, uint? Errno) Parse(string[] words, SeccompLineContext context)
    {
        if (words.Length == 0) throw context.Error("missing action");
        var action = "SCMP_ACT_" + words[0].ToUpperInvariant();
        if (action == SeccompNames.NotifyAction || !SeccompNames.Actions.Contains(action) || words[0] != words[0].ToLowerInvariant())
        {
            throw context.Error($"unknown action '{words[0]}' (valid: allow, errno, kill, kill_process, kill_thread, trap, log)");
        }
        if (words[0] != "errno")
        {
            return words.Length == 1 ? (action, null) : throw context.Error($"unexpected '{words[1]}' after '{words[0]}'");
        }
        if (words.Length != 2) throw context.Error("expected 'errno <name or number>'");
        return SeccompErrno.TryParse(words[1], out var errno) ? (action, errno) : throw context.Error($"unknown errno '{words[1]}'");
    }
}
