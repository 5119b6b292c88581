using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Features;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>`features` (runtime-spec features.md): what engines read before they write a config.json.</summary>
public sealed class FeaturesTests : IDisposable
{
    private readonly Shim _shim = new();

    public void Dispose() => _shim.Dispose();

    private RuntimeFeatures Features()
    {
        var result = _shim.Invoke("features");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize(result.Stdout, RuntimeJsonContext.Default.RuntimeFeatures)!;
    }

    [Fact]
    public void Seccomp_is_enabled_here_with_libseccomp_s_version_and_every_name_the_compiler_takes()
    {
        var features = Features();
        var seccomp = features.Linux.Seccomp;

        Assert.True(seccomp.Enabled);
        Assert.Matches(@"^\d+\.\d+\.\d+$", features.Annotations[RuntimeFeatures.LibseccompVersionAnnotation]);
        Assert.Contains("SCMP_ACT_ERRNO", seccomp.Actions);
        Assert.DoesNotContain(SeccompNames.NotifyAction, seccomp.Actions);
        Assert.Equal(SeccompNames.Operators.Order(StringComparer.Ordinal), seccomp.Operators);
        Assert.Equal(SeccompNames.Architectures.Order(StringComparer.Ordinal), seccomp.Archs);
        Assert.Equal(SeccompNames.Flags.Keys, seccomp.KnownFlags);
    }

    [Fact]
    public void The_supported_flags_are_those_this_kernel_accepts()
    {
        // TSYNC (3.17), LOG (4.14) and SPEC_ALLOW (4.17) are older than any kernel .NET 10 runs on.
        var supported = Features().Linux.Seccomp.SupportedFlags;
        Assert.Superset(new HashSet<string> { "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW" }, supported.ToHashSet());
        Assert.Subset(SeccompNames.Flags.Keys.ToHashSet(), supported.ToHashSet());
    }

    [Fact]
    public void The_namespaces_and_capabilities_are_the_ones_a_config_may_name()
    {
        var linux = Features().Linux;
        Assert.Equal(["cgroup", "ipc", "mount", "network", "pid", "user", "uts"], linux.Namespaces);
        Assert.Contains("CAP_SYS_ADMIN", linux.Capabilities);
        Assert.Equal(41, linux.Capabilities.Count);
        Assert.True(linux.Cgroup.V1 && linux.Cgroup.V2);
        Assert.Equal(new RuntimeSpec().OciVersion, Features().OciVersionMax);
    }
}
