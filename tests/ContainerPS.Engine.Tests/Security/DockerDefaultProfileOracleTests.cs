using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Security;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Security;

/// <summary>
/// Docker 20.10's default profile (Debian's golang-github-docker-docker-dev, which build.sh installs) is the oracle:
/// resolved for the same container, everything it allows our default profile allows the same way, and what we
/// allow beyond it is only the syscalls docker's default profile gained after 20.10 (listed here by change).
/// </summary>
public sealed class DockerDefaultProfileOracleTests
{
    private const string DockerProfilePath = "/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json";
    private const string Architecture = "x86_64";
    private static readonly Version Kernel = new(6, 1);

    /// <summary>Syscalls docker's default profile allows since 20.10 (moby's profiles/seccomp history), each group
    /// by the moby change that added it; only those an x86_64 filter shows.</summary>
    private static readonly string[] AddedAfterDocker2010 =
    [
        // d39b075302 "Enable process_vm_readv and process_vm_writev for kernel > 4.8".
        "process_vm_readv", "process_vm_writev",
        // e258d66f17 "profiles: seccomp: add syscalls related to PKU in default policy".
        "pkey_alloc", "pkey_free", "pkey_mprotect",
        // 420142a886 "profiles: seccomp: allow clock_settime64 when CAP_SYS_TIME is added".
        "clock_settime64",
        // 7b7d1132e8 "seccomp: allow bpf, perf_event_open, gated by CAP_BPF, CAP_PERFMON" (all caps only).
        "bpf", "perf_event_open",
        // b335e3d305 "seccomp: add name_to_handle_at to allowlist".
        "name_to_handle_at",
        // 1251982cf7 set_mempolicy_home_node (v5.17), 4d0d5ee10d cachestat (v6.5), 6f242f1a28 fchmodat2 and
        // 8826f402f9 map_shadow_stack (v6.6), df57a080b6, 10d344d176, d69729e053 futex_requeue/wait/wake (v6.7).
        "set_mempolicy_home_node", "cachestat", "fchmodat2", "map_shadow_stack", "futex_requeue", "futex_wait", "futex_wake",
        // 6aa8288cfb "profiles/seccomp: kernel v6.12" (lsm_* gated by CAP_SYS_ADMIN in 148a19b6d6).
        "listmount", "mseal", "removexattrat", "riscv_hwprobe", "statmount", "uretprobe",
        "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr",
        // 0ec3278d48 "profiles/seccomp: kernel v6.13".
        "getxattrat", "listxattrat", "setxattrat",
    ];

    /// <summary>What docker's default profile stopped allowing after 20.10, which ours follows: an unconditional
    /// allow in 20.10, now refused (or, for socket, allowed only for some address families).</summary>
    private static readonly string[] RefusedAfterDocker2010 =
    [
        // moby 57b229012a "seccomp: block socket calls to AF_VSOCK in default profile" (and AF_ALG).
        "socket",
        // moby 891241e7e7 "seccomp: block io_uring_* syscalls in default profile".
        "io_uring_enter", "io_uring_register", "io_uring_setup",
    ];

    public static TheoryData<string> CapabilitySets => ["default", "+SYS_ADMIN", "+SYS_PTRACE", "all"];

    private static List<string> Caps(string set) => set switch
    {
        "default" => [.. Capabilities.Default],
        "all" => [.. Capabilities.All],
        _ => [.. Capabilities.Default, "CAP_" + set[1..]],
    };

    [Theory]
    [MemberData(nameof(CapabilitySets))]
    public void Everything_docker_20_10_allows_we_allow_and_only_newer_syscalls_beyond(string set)
    {
        var docker = Effective(SeccompJsonProfileReader.Read(DockerProfilePath), Caps(set));
        var ours = Effective(DefaultSeccompProfile.Profile, Caps(set));
        Assert.Equal(docker.Header, ours.Header);
        Assert.Empty(docker.Rules.Where(rule => !RefusedAfterDocker2010.Contains(Name(rule))).Except(ours.Rules));
        var beyond = ours.Rules.Except(docker.Rules).Select(Name).Where(name => !RefusedAfterDocker2010.Contains(name));
        Assert.Empty(beyond.Distinct().Order().Except(AddedAfterDocker2010));
    }

    [Theory]
    [MemberData(nameof(CapabilitySets))]
    public void What_docker_refuses_since_20_10_we_do_not_allow_unconditionally(string set)
    {
        var ours = Effective(DefaultSeccompProfile.Profile, Caps(set));
        Assert.All(RefusedAfterDocker2010, name => Assert.DoesNotContain($"{name} SCMP_ACT_ALLOW - ", ours.Rules));
    }

    private static string Name(string rule) => rule.Split(' ')[0];

    [Theory]
    [InlineData("read", "default")]
    [InlineData("personality", "default")]
    [InlineData("arch_prctl", "default")]
    [InlineData("clone", "default")]
    [InlineData("clone3", "default")]
    [InlineData("mount", "+SYS_ADMIN")]
    [InlineData("kcmp", "+SYS_PTRACE")]
    [InlineData("reboot", "all")]
    public void The_oracle_fails_when_a_line_of_our_profile_is_removed(string syscall, string set)
    {
        var caps = Caps(set);
        var profile = DefaultSeccompProfile.Profile;
        var applying = profile.Rules.First(rule => rule.Names.Contains(syscall)
            && rule.When.Hold(caps.ToHashSet(), Architecture, Kernel));
        var without = profile with { Rules = profile.Rules.Where(rule => rule.Line != applying.Line).ToList() };
        var docker = Effective(SeccompJsonProfileReader.Read(DockerProfilePath), caps);
        Assert.NotEmpty(docker.Rules.Where(rule => !RefusedAfterDocker2010.Contains(Name(rule))).Except(Effective(without, caps).Rules));
    }

    /// <summary>A resolved filter as comparable text: the default action and architectures, then one line per
    /// syscall and rule ("name action errno args"), errno defaulting to EPERM as config-linux.md says.</summary>
    private static (string Header, HashSet<string> Rules) Effective(SeccompProfile profile, List<string> caps)
    {
        var spec = SeccompResolver.Resolve(profile, caps, Architecture, Kernel);
        var header = $"{spec.DefaultAction} {spec.DefaultErrnoRet ?? 1} {string.Join(',', spec.Architectures ?? [])}";
        var rules = spec.Syscalls!.SelectMany(rule => rule.Names.Select(name => Line(name, rule))).ToHashSet();
        return (header, rules);
    }

    private static string Line(string name, SeccompSyscallSpec rule)
    {
        var errno = rule.Action == "SCMP_ACT_ERRNO" ? (rule.ErrnoRet ?? 1).ToString() : "-";
        var args = string.Join(' ', (rule.Args ?? []).Select(arg => $"{arg.Index}{arg.Op}{arg.Value:x}/{arg.ValueTwo:x}"));
        return $"{name} {rule.Action} {errno} {args}";
    }
}
