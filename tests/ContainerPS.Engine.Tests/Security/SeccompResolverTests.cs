using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Security;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Security;

public sealed class SeccompResolverTests
{
    private static readonly Version Kernel = new(6, 1);

    private static SeccompSpec Default(IEnumerable<string> caps, string arch = "x86_64", Version? kernel = null) =>
        SeccompResolver.Resolve(DefaultSeccompProfile.Profile, caps, arch, kernel ?? Kernel);

    private static List<SeccompSyscallSpec> RulesFor(SeccompSpec spec, string name) =>
        spec.Syscalls!.Where(rule => rule.Names.Contains(name)).ToList();

    [Fact]
    public void The_default_action_is_errno_EPERM()
    {
        var spec = Default(Capabilities.Default);
        Assert.Equal(("SCMP_ACT_ERRNO", 1u), (spec.DefaultAction, spec.DefaultErrnoRet));
    }

    [Theory]
    [InlineData("x86_64", new[] { "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32" })]
    [InlineData("amd64", new[] { "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32" })]
    [InlineData("aarch64", new[] { "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM" })]
    [InlineData("s390x", new[] { "SCMP_ARCH_S390X", "SCMP_ARCH_S390" })]
    [InlineData("riscv64", new[] { "SCMP_ARCH_RISCV64" })]
    public void Architectures_come_from_the_arch_map(string host, string[] expected)
    {
        Assert.Equal(expected, Default(Capabilities.Default, host).Architectures);
    }

    [Fact]
    public void Without_SYS_ADMIN_clone_is_masked_clone3_is_ENOSYS_and_mount_is_not_allowed()
    {
        var spec = Default(Capabilities.Default);
        var clone = Assert.Single(RulesFor(spec, "clone"));
        var arg = Assert.Single(clone.Args!);
        Assert.Equal((0u, "SCMP_CMP_MASKED_EQ", 0x7E020000ul, 0ul), (arg.Index, arg.Op, arg.Value, arg.ValueTwo));
        var clone3 = Assert.Single(RulesFor(spec, "clone3"));
        Assert.Equal(("SCMP_ACT_ERRNO", 38u), (clone3.Action, clone3.ErrnoRet));
        Assert.Empty(RulesFor(spec, "mount"));
    }

    [Fact]
    public void With_SYS_ADMIN_clone_clone3_and_mount_are_allowed_outright()
    {
        var spec = Default([.. Capabilities.Default, "CAP_SYS_ADMIN"]);
        foreach (var name in new[] { "clone", "clone3", "mount", "unshare", "setns" })
        {
            var rule = Assert.Single(RulesFor(spec, name));
            Assert.Equal("SCMP_ACT_ALLOW", rule.Action);
            Assert.Null(rule.Args);
        }
    }

    [Fact]
    public void Capability_names_may_omit_the_CAP_prefix()
    {
        Assert.Single(RulesFor(Default(["SYS_PTRACE"]), "kcmp"));
        Assert.Empty(RulesFor(Default(Capabilities.Default), "kcmp"));
    }

    [Fact]
    public void On_s390x_clone_checks_the_second_argument_and_on_mips_clone3_is_errno_89()
    {
        var clone = Assert.Single(RulesFor(Default(Capabilities.Default, "s390x"), "clone"));
        Assert.Equal(1u, Assert.Single(clone.Args!).Index);
        var clone3 = Assert.Single(RulesFor(Default(Capabilities.Default, "mips64"), "clone3"));
        Assert.Equal(89u, clone3.ErrnoRet);
    }

    [Theory]
    [InlineData("x86_64", "arch_prctl", true)]
    [InlineData("x86_64", "modify_ldt", true)]
    [InlineData("aarch64", "arch_prctl", false)]
    [InlineData("aarch64", "set_tls", true)]
    [InlineData("x86_64", "set_tls", false)]
    [InlineData("s390x", "s390_runtime_instr", true)]
    [InlineData("riscv64", "riscv_flush_icache", true)]
    [InlineData("ppc64le", "swapcontext", true)]
    public void Architecture_rules_apply_on_their_architectures_only(string arch, string name, bool allowed)
    {
        Assert.Equal(allowed, RulesFor(Default(Capabilities.Default, arch), name).Count > 0);
    }

    [Fact]
    public void Ptrace_needs_kernel_4_8_without_SYS_PTRACE()
    {
        Assert.Single(RulesFor(Default(Capabilities.Default, kernel: new Version(4, 8)), "ptrace"));
        Assert.Empty(RulesFor(Default(Capabilities.Default, kernel: new Version(4, 7, 9)), "ptrace"));
        Assert.Single(RulesFor(Default(["CAP_SYS_PTRACE"], kernel: new Version(4, 4)), "ptrace"));
    }

    [Fact]
    public void Socket_and_personality_are_allowed_only_with_their_argument_checks()
    {
        var spec = Default(Capabilities.Default);
        Assert.All(RulesFor(spec, "socket"), rule => Assert.Equal(0u, Assert.Single(rule.Args!).Index));
        Assert.Equal(3, RulesFor(spec, "socket").Count);
        Assert.Equal(5, RulesFor(spec, "personality").Count);
    }

    [Fact]
    public void Every_resolved_name_is_valid_for_the_runtime()
    {
        var spec = Default(Capabilities.All);
        Assert.Contains(spec.DefaultAction, SeccompNames.Actions);
        Assert.All(spec.Architectures!, arch => Assert.Contains(arch, SeccompNames.Architectures));
        Assert.All(spec.Syscalls!, rule =>
        {
            Assert.Contains(rule.Action, SeccompNames.Actions);
            Assert.All(rule.Args ?? [], arg => Assert.Contains(arg.Op, SeccompNames.Operators));
        });
    }
}
