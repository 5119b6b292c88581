using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Security;

namespace ContainerPS.Engine.Tests.Security;

public sealed class SeccompProfileParserTests
{
    private static SeccompProfile Parse(string body) => SeccompProfileParser.Parse("default errno EPERM\n" + body, "test.profile");

    [Fact]
    public void Default_and_arch_statements_give_the_default_action_and_the_arch_map()
    {
        var profile = SeccompProfileParser.Parse("# comment\ndefault errno ENOSYS  # trailing\narch x86_64 also x86 x32\narch aarch64\n", "t");
        Assert.Equal("SCMP_ACT_ERRNO", profile.DefaultAction);
        Assert.Equal(38u, profile.DefaultErrnoRet);
        Assert.Equal(["x86", "x32"], profile.ArchMap["x86_64"]);
        Assert.Empty(profile.ArchMap["aarch64"]);
        Assert.Empty(profile.Rules);
    }

    [Fact]
    public void Indented_lines_continue_a_rule_and_comments_are_dropped()
    {
        var rule = Assert.Single(Parse("allow: read write\n  # between\n    open close\n").Rules);
        Assert.Equal(["read", "write", "open", "close"], rule.Names);
        Assert.Equal("SCMP_ACT_ALLOW", rule.Action);
        Assert.Null(rule.ErrnoRet);
        Assert.Equal(2, rule.Line);
    }

    [Fact]
    public void Conditions_are_capabilities_architectures_and_kernel()
    {
        var rule = Assert.Single(Parse("errno 89, unless cap SYS_ADMIN, if arch mips amd64, unless arch s390x, if kernel 4.8: clone3\n").Rules);
        Assert.Equal("SCMP_ACT_ERRNO", rule.Action);
        Assert.Equal(89u, rule.ErrnoRet);
        Assert.Equal(["CAP_SYS_ADMIN"], rule.When.UnlessCaps);
        Assert.Equal(["mips", "x86_64"], rule.When.IfArches);
        Assert.Equal(["s390x"], rule.When.UnlessArches);
        Assert.Equal(new Version(4, 8), rule.When.MinKernel);
    }

    [Fact]
    public void Argument_checks_give_operators_and_masked_equality()
    {
        var rule = Assert.Single(Parse("allow where arg0 &0x7E020000 == 0 and arg1 != 5 and arg2 <= 0xff: clone\n").Rules);
        Assert.Collection(rule.Args,
            arg => Assert.Equal((0u, "SCMP_CMP_MASKED_EQ", 0x7E020000ul, 0ul), (arg.Index, arg.Op, arg.Value, arg.ValueTwo)),
            arg => Assert.Equal((1u, "SCMP_CMP_NE", 5ul), (arg.Index, arg.Op, arg.Value)),
            arg => Assert.Equal((2u, "SCMP_CMP_LE", 255ul), (arg.Index, arg.Op, arg.Value)));
    }

    [Theory]
    [InlineData("allow read write", 2)]
    [InlineData("allow:", 2)]
    [InlineData("allow: Read", 2)]
    [InlineData("permit: read", 2)]
    [InlineData("notify: read", 2)]
    [InlineData("errno: read", 2)]
    [InlineData("errno EWHAT: read", 2)]
    [InlineData("allow now: read", 2)]
    [InlineData("allow, if cap SYS_NOTHING: read", 2)]
    [InlineData("allow, if arch vax: read", 2)]
    [InlineData("allow, if kernel four: read", 2)]
    [InlineData("allow, unless kernel 4.8: read", 2)]
    [InlineData("allow, when cap SYS_ADMIN: read", 2)]
    [InlineData("allow, if colour red: read", 2)]
    [InlineData("allow where arg6 == 0: read", 2)]
    [InlineData("allow where arg0 =~ 0: read", 2)]
    [InlineData("allow where arg0 == zero: read", 2)]
    [InlineData("allow where arg0 0x7 == 0: read", 2)]
    [InlineData("allow where arg0: read", 2)]
    [InlineData("arch vax", 2)]
    [InlineData("arch x86_64 x86", 2)]
    [InlineData("arch x86_64 also", 2)]
    [InlineData("arch x86_64\narch x86_64 also x86", 3)]
    [InlineData("allow: read\n\n# c\ndefault errno EPERM", 5)]
    public void Bad_statements_are_SeccompProfileInvalid_naming_the_line(string body, int line)
    {
        var error = Assert.Throws<ContainerPSException>(() => Parse(body + "\n"));
        Assert.Equal("SeccompProfileInvalid", error.ErrorId);
        Assert.Contains($"test.profile, line {line}:", error.Message);
    }

    [Fact]
    public void A_profile_without_a_default_is_SeccompProfileInvalid()
    {
        var error = Assert.Throws<ContainerPSException>(() => SeccompProfileParser.Parse("allow: read\n", "t"));
        Assert.Equal("SeccompProfileInvalid", error.ErrorId);
    }

    [Fact]
    public void The_shipped_default_profile_parses()
    {
        var profile = DefaultSeccompProfile.Profile;
        Assert.Equal("SCMP_ACT_ERRNO", profile.DefaultAction);
        Assert.Equal(1u, profile.DefaultErrnoRet);
        Assert.Contains(profile.Rules, rule => rule.Names.Contains("read"));
    }
}
