using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Security;

namespace ContainerPS.Engine.Tests.Security;

/// <summary>Profiles as users write them for -SecurityOption seccomp=PATH: docker's JSON and a plain OCI linux.seccomp.</summary>
public sealed class SeccompJsonProfileReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cps-seccomp-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():n}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_docker_profile_keeps_its_rules_conditions_and_arch_map()
    {
        var profile = SeccompJsonProfileReader.Read(Write("""
            {
              "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
              "archMap": [ { "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] } ],
              "syscalls": [
                { "names": ["read", "write"], "action": "SCMP_ACT_ALLOW" },
                { "name": "personality", "action": "SCMP_ACT_ALLOW", "args": [ { "index": 0, "value": 8, "op": "SCMP_CMP_EQ" } ] },
                { "names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"], "minKernel": "4.8" } },
                { "names": ["clone"], "action": "SCMP_ACT_ALLOW", "excludes": { "caps": ["CAP_SYS_ADMIN"], "arches": ["s390", "s390x"] } }
              ]
            }
            """));

        Assert.Equal("SCMP_ACT_ERRNO", profile.DefaultAction);
        Assert.Equal(1u, profile.DefaultErrnoRet);
        Assert.Equal(["x86", "x32"], profile.ArchMap["x86_64"]);
        Assert.Equal(4, profile.Rules.Count);
        Assert.Equal(["read", "write"], profile.Rules[0].Names);
        var arg = Assert.Single(profile.Rules[1].Args);
        Assert.Equal((0u, 8UL, "SCMP_CMP_EQ"), (arg.Index, arg.Value, arg.Op));
        Assert.Equal(["CAP_SYS_ADMIN"], profile.Rules[2].When.IfCaps);
        Assert.Equal(new Version(4, 8), profile.Rules[2].When.MinKernel);
        Assert.Equal(["CAP_SYS_ADMIN"], profile.Rules[3].When.UnlessCaps);
        Assert.Equal(["s390", "s390x"], profile.Rules[3].When.UnlessArches);
    }

    [Fact]
    public void An_oci_profile_lists_its_architectures_and_flags_and_the_resolver_keeps_them()
    {
        var profile = SeccompJsonProfileReader.Read(Write("""
            { "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"], "flags": ["SECCOMP_FILTER_FLAG_LOG"],
              "syscalls": [ { "names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13 } ] }
            """));

        var spec = SeccompResolver.Resolve(profile, [], "x86_64", new Version(6, 1));
        Assert.Equal(["SCMP_ARCH_X86_64"], spec.Architectures);
        Assert.Equal(["SECCOMP_FILTER_FLAG_LOG"], spec.Flags);
        var rule = Assert.Single(spec.Syscalls!);
        Assert.Equal(13u, rule.ErrnoRet);
    }

    [Fact]
    public void A_missing_file_is_SeccompProfileNotFound()
    {
        var error = Assert.Throws<ContainerPSException>(() => SeccompJsonProfileReader.Read(Path.Combine(_directory, "none.json")));
        Assert.Equal("SeccompProfileNotFound", error.ErrorId);
    }

    [Theory]
    [InlineData("not json", "")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("""{ "syscalls": [] }""", "defaultAction")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_MAYBE" }""", "unknown action 'SCMP_ACT_MAYBE'")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["read"], "action": "SCMP_ACT_DENY" } ] }""", "unknown action 'SCMP_ACT_DENY'")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["read"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_ABOUT" } ] } ] }""", "unknown operator 'SCMP_CMP_ABOUT'")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["read"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 6, "value": 1, "op": "SCMP_CMP_EQ" } ] } ] }""", "index 6")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_VAX"] }""", "unknown architecture 'SCMP_ARCH_VAX'")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_FAST"] }""", "unknown flag 'SECCOMP_FILTER_FLAG_FAST'")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": [], "action": "SCMP_ACT_ERRNO" } ] }""", "names no syscall")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": -1 } ] }""", "")]
    public void A_profile_that_does_not_say_what_it_means_is_SeccompProfileInvalid(string json, string problem)
    {
        var path = Write(json);
        var error = Assert.Throws<ContainerPSException>(() => SeccompJsonProfileReader.Read(path));
        Assert.Equal("SeccompProfileInvalid", error.ErrorId);
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/agent.sock" }""")]
    [InlineData("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["mount"], "action": "SCMP_ACT_NOTIFY" } ] }""")]
    public void Notification_is_SeccompNotifyNotSupported(string json)
    {
        var error = Assert.Throws<ContainerPSException>(() => SeccompJsonProfileReader.Read(Write(json)));
        Assert.Equal("SeccompNotifyNotSupported", error.ErrorId);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_directory, "big.json");
        using (var file = File.Create(path)) file.SetLength(SeccompJsonProfileReader.MaxBytes + 1);
        var error = Assert.Throws<ContainerPSException>(() => SeccompJsonProfileReader.Read(path));
        Assert.Equal("SeccompProfileInvalid", error.ErrorId);
    }
}
