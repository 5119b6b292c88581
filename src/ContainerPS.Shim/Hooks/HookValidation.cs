using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Hooks;

/// <summary>config.md, "POSIX-platform Hooks": path is absolute, timeout greater than zero; checked before anything is made.</summary>
internal static class HookValidation
{
    public static void Validate(HooksSpec? hooks)
    {
        if (hooks is null) return;
        Check(HookKinds.Prestart, hooks.Prestart);
        Check(HookKinds.CreateRuntime, hooks.CreateRuntime);
        Check(HookKinds.CreateContainer, hooks.CreateContainer);
        Check(HookKinds.StartContainer, hooks.StartContainer);
        Check(HookKinds.Poststart, hooks.Poststart);
        Check(HookKinds.Poststop, hooks.Poststop);
    }

    private static void Check(string kind, List<HookSpec>? hooks)
    {
        for (int i = 0; i < (hooks?.Count ?? 0); i++)
        {
            var hook = hooks![i];
            if (!hook.Path.StartsWith('/'))
                throw new ShimException(ExitCodes.Usage, $"hooks.{kind}[{i}].path '{hook.Path}' is not an absolute path");
            if (hook.Timeout is <= 0)
                throw new ShimException(ExitCodes.Usage, $"hooks.{kind}[{i}].timeout must be greater than zero (it is {hook.Timeout})");
        }
    }
}
