using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Seccomp;

/// <summary>What this host can do with seccomp, asked of the kernel itself, for the features document.</summary>
internal static class SeccompSupport
{
    private const int PrGetSeccomp = 21;
    private const uint SetModeFilter = 1;
    private const int Efault = 14;

    /// <summary>The kernel has seccomp filters (PR_GET_SECCOMP answers) and libseccomp loads.</summary>
    public static bool Enabled() => Sys.Prctl(PrGetSeccomp, 0) >= 0 && SeccompCompiler.Version() is not null;

    /// <summary>
    /// The spec's flags this kernel accepts. seccomp(2) checks the flags before it reads the program, so a NULL
    /// program fails with EFAULT for a known flag and EINVAL for an unknown one: nothing is installed either way
    /// (libseccomp probes the same way).
    /// </summary>
    public static List<string> SupportedFlags() =>
        [.. SeccompNames.Flags.Where(flag => Sys.Seccomp(SetModeFilter, flag.Value, 0) < 0 && Sys.LastError == Efault).Select(flag => flag.Key)];
}
