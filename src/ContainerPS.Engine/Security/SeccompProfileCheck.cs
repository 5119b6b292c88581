using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>
/// A profile read from JSON names only what config-linux.md allows (SeccompNames): an unknown action, operator,
/// architecture or flag is SeccompProfileInvalid naming it, SCMP_ACT_NOTIFY is SeccompNotifyNotSupported.
/// </summary>
internal static class SeccompProfileCheck
{
    public static void Validate(SeccompProfile profile, string path)
    {
        Action(profile.DefaultAction, path);
        foreach (string name in profile.Architectures) Known(SeccompNames.Architectures, name, "architecture", path);
        foreach (string name in profile.Flags) Known(SeccompNames.Flags.Keys.ToHashSet(), name, "flag", path);
        foreach (var rule in profile.Rules)
        {
            Action(rule.Action, path);
            if (rule.Names.Count == 0) throw SeccompJsonProfileReader.Invalid(path, "a syscalls entry names no syscall");
            foreach (var arg in rule.Args)
            {
                Known(SeccompNames.Operators, arg.Op, "operator", path);
                if (arg.Index > 5) throw SeccompJsonProfileReader.Invalid(path, $"argument index {arg.Index} is out of range (0-5)");
            }
        }
    }

    private static void Action(string name, string path)
    {
        Known(SeccompNames.Actions, name, "action", path);
        if (name == SeccompNames.NotifyAction)
        {
            throw Fail.NotSupported("SeccompNotifyNotSupported", $"The seccomp profile '{path}' uses SCMP_ACT_NOTIFY: ContainerPS does not serve seccomp notifications.", path);
        }
    }

    private static void Known(IReadOnlySet<string> names, string name, string what, string path)
    {
        if (!names.Contains(name)) throw SeccompJsonProfileReader.Invalid(path, $"unknown {what} '{name}'");
    }
}
