using System.Text.Json;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Seccomp;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// The range program (SeccompRangeProgram) against libseccomp alone, as the oracle: for every syscall number of each
/// architecture (and x32's, and architectures the filter lacks), under argument values the profiles' conditions
/// test, both programs return the same action.
/// </summary>
public sealed class SeccompRangeTests
{
    private const string DockerProfile = "/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json";
    private const uint X86_64 = 0xc000003e, X86 = 0x40000003, Aarch64 = 0xc00000b7, X32Bit = 0x40000000;

    private static readonly ulong[][] Arguments =
    [
        [0, 0, 0, 0, 0, 0], [ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue],
        [0x10000000, 0, 0, 0, 0, 0], [0x7e020000, 0, 0, 0, 0, 0], [8, 0, 0, 0, 0, 0], [0xffffffff, 0, 0, 0, 0, 0],
        [0x20008, 0, 0, 0, 0, 0], [40, 1, 0, 0, 0, 0], [2, 1, 0, 0, 0, 0], [1, 17, 28, 0, 0, 0], [0x100000000, 2, 0, 0, 0, 0],
    ];

    /// <summary>Docker 20.10's default profile with every rule in force (its capability conditions ignored).</summary>
    private static SeccompSpec Docker(params string[] architectures)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DockerProfile));
        var rules = document.RootElement.GetProperty("syscalls").EnumerateArray().Select(rule => new SeccompSyscallSpec
        {
            Names = [.. rule.GetProperty("names").EnumerateArray().Select(n => n.GetString()!)],
            Action = rule.GetProperty("action").GetString()!,
            ErrnoRet = rule.TryGetProperty("errnoRet", out var errno) ? errno.GetUInt32() : null,
            Args = rule.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
                ? [.. args.EnumerateArray().Select(a => new SeccompArgSpec
                {
                    Index = a.GetProperty("index").GetUInt32(), Value = a.GetProperty("value").GetUInt64(),
                    ValueTwo = a.TryGetProperty("valueTwo", out var two) ? two.GetUInt64() : 0, Op = a.GetProperty("op").GetString()!,
                })]
                : null,
        }).ToList();
        return new SeccompSpec { DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 1, Architectures = [.. architectures], Syscalls = rules };
    }

    /// <summary>Rules whose meaning is libseccomp's to settle: two actions for one name, conditions beside an
    /// unconditional rule, a repeated argument index, errno values, and socket calls (multiplexed on x86).</summary>
    private static readonly SeccompSyscallSpec[] Awkward =
    [
        new() { Names = ["mkdir", "rmdir"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 13 },
        new() { Names = ["mkdir"], Action = "SCMP_ACT_ALLOW" },
        new() { Names = ["getpid"], Action = "SCMP_ACT_ALLOW", Args = [new() { Index = 0, Value = 8, Op = "SCMP_CMP_EQ" }] },
        new() { Names = ["getpid"], Action = "SCMP_ACT_TRAP" },
        new() { Names = ["kill"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 1, Args = [new() { Index = 1, Value = 17, Op = "SCMP_CMP_EQ" }, new() { Index = 1, Value = 28, Op = "SCMP_CMP_EQ" }] },
        new() { Names = ["socket", "bind"], Action = "SCMP_ACT_LOG" },
        new() { Names = ["uname", "no_such_syscall"], Action = "SCMP_ACT_KILL_PROCESS" },
    ];

    public static TheoryData<string> Profiles => ["docker on x86_64, x86 and x32", "docker on x86_64 and x86", "docker on x86_64 alone", "awkward rules", "allow by default"];

    private static SeccompSpec Profile(string name) => name switch
    {
        "docker on x86_64, x86 and x32" => Docker("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
        "docker on x86_64 and x86" => Docker("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"),
        "docker on x86_64 alone" => Docker(),
        "awkward rules" => new SeccompSpec { DefaultAction = "SCMP_ACT_ERRNO", Architectures = ["SCMP_ARCH_X86", "SCMP_ARCH_X32"], Syscalls = [.. Awkward] },
        _ => new SeccompSpec { DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_X86"], Syscalls = [.. Awkward] },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Decides_every_syscall_as_libseccomp_alone(string profile)
    {
        var spec = Profile(profile);
        byte[] ranges = SeccompCompiler.Compile(spec).Program, oracle = SeccompCompiler.CompileByLibseccompAlone(spec).Program;
        var differences = new List<string>();
        var actions = new HashSet<uint>();
        foreach (var (architecture, first) in new[] { (X86_64, 0u), (X86_64, X32Bit), (X86, 0u), (Aarch64, 0u) })
        {
            for (uint number = first; number < first + 1100; number++)
            {
                foreach (var args in Arguments)
                {
                    uint expected = ClassicBpf.Run(oracle, number, architecture, args), actual = ClassicBpf.Run(ranges, number, architecture, args);
                    actions.Add(expected);
                    if (expected != actual) differences.Add($"arch {architecture:x8} nr {number:x} args {args[0]:x},{args[1]:x}: {actual:x8}, libseccomp {expected:x8}");
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        Assert.True(actions.Count >= 3, $"only {actions.Count} distinct actions: the comparison would prove little"); // allow, errno, bad arch
    }

    [Fact]
    public void Is_less_than_half_of_libseccomp_s_program_for_docker_s_profile()
    {
        var spec = Profile("docker on x86_64, x86 and x32");
        int ranges = SeccompCompiler.Compile(spec).Program.Length / 8, libseccomp = SeccompCompiler.CompileByLibseccompAlone(spec).Program.Length / 8;
        Assert.True(ranges * 2 < libseccomp, $"{ranges} instructions against libseccomp's {libseccomp}");
    }
}
