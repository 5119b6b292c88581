using System.Runtime.InteropServices;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Security;

/// <summary>
/// The filter one container gets, as docker computes it when it writes config.json: the default profile or the
/// user's, resolved for the container's capabilities, this host's architecture and kernel; none when unconfined.
/// </summary>
internal static class ContainerSeccomp
{
    public static SeccompSpec? For(SecurityChoice choice, IReadOnlyList<string> capabilities)
    {
        var profile = choice.Seccomp switch
        {
            SecurityOptions.Unconfined => null,
            SecurityOptions.DefaultProfile => DefaultSeccompProfile.Profile,
            var path => SeccompJsonProfileReader.Read(path),
        };
        return profile is null ? null : SeccompResolver.Resolve(profile, capabilities, HostArchitecture, ContainerPS.Engine.Runtime.KernelRelease.Value ?? new Version(0, 0));
    }

    /// <summary>uname's machine name of this host (the profiles' architecture names).</summary>
    public static string HostArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "x86",
        Architecture.Arm => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
