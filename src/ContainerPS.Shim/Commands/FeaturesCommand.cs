using ContainerPS.Runtime;
using ContainerPS.Runtime.Features;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Seccomp;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `features`: what this runtime implements, as runtime-spec features.md shapes it (runc features), on stdout.
/// AppArmor, SELinux and Intel RDT are not applied (the shim ignores their fields), so they say enabled: false.
/// </summary>
internal static class FeaturesCommand
{
    public static int Run()
    {
        var version = SeccompCompiler.Version();
        var features = new RuntimeFeatures
        {
            OciVersionMax = new RuntimeSpec().OciVersion,
            Hooks = [.. Hooks.HookKinds.All],
            MountOptions = [.. Child.MountOptions.Known.Order(StringComparer.Ordinal)],
            Linux = new LinuxFeatures
            {
                Namespaces = [.. SpecNamespaces.Supported],
                Capabilities = [.. Capabilities.All],
                Cgroup = new CgroupFeatures { V1 = true, V2 = true },
                Seccomp = new SeccompFeatures
                {
                    Enabled = SeccompSupport.Enabled(),
                    // SCMP_ACT_NOTIFY is refused (no listener is served), so it is not offered.
                    Actions = [.. SeccompNames.Actions.Where(action => action != SeccompNames.NotifyAction).Order(StringComparer.Ordinal)],
                    Operators = [.. SeccompNames.Operators.Order(StringComparer.Ordinal)],
                    Archs = [.. SeccompNames.Architectures.Order(StringComparer.Ordinal)],
                    KnownFlags = [.. SeccompNames.Flags.Keys],
                    SupportedFlags = SeccompSupport.SupportedFlags(),
                },
            },
            Annotations = version is null ? [] : new() { [RuntimeFeatures.LibseccompVersionAnnotation] = version },
        };
        IndentedJson.WriteToStandardOutput(features, RuntimeJsonContext.Default.RuntimeFeatures);
        return ExitCodes.Success;
    }
}
