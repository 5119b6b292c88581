using System.Reflection;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Seccomp;

namespace ContainerPS.Shim.Tests;

/// <summary>The cache key is written by hand (SeccompCacheKey): every property of the profile must change it.</summary>
public sealed class SeccompCacheKeyTests
{
    private static SeccompArgSpec Arg() => new() { Index = 1, Value = 2, ValueTwo = 3, Op = "SCMP_CMP_EQ" };

    private static SeccompSyscallSpec Rule() => new() { Names = ["mkdir"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 13, Args = [Arg()] };

    private static SeccompSpec Profile(SeccompSyscallSpec? rule = null) => new()
    {
        DefaultAction = "SCMP_ACT_ALLOW", DefaultErrnoRet = 1, Architectures = ["SCMP_ARCH_X86"], Flags = ["SECCOMP_FILTER_FLAG_LOG"],
        ListenerPath = "/l", ListenerMetadata = "m", Syscalls = [rule ?? Rule()],
    };

    /// <summary>A value of the property's type unlike any the base objects hold.</summary>
    private static object Other(Type type) => type switch
    {
        _ when type == typeof(string) => "changed",
        _ when type == typeof(uint) || type == typeof(uint?) => 77u,
        _ when type == typeof(ulong) => 99ul,
        _ when type == typeof(List<string>) => new List<string> { "changed" },
        _ when type == typeof(List<SeccompSyscallSpec>) => new List<SeccompSyscallSpec> { Rule(), Rule() },
        _ when type == typeof(List<SeccompArgSpec>) => new List<SeccompArgSpec> { Arg(), Arg() },
        _ => throw new InvalidOperationException($"SeccompCacheKeyTests does not know {type}: add it here and to SeccompCacheKey"),
    };

    public static TheoryData<string> Properties() =>
    [
        .. typeof(SeccompSpec).GetProperties().Select(p => $"{nameof(SeccompSpec)}.{p.Name}"),
        .. typeof(SeccompSyscallSpec).GetProperties().Select(p => $"{nameof(SeccompSyscallSpec)}.{p.Name}"),
        .. typeof(SeccompArgSpec).GetProperties().Select(p => $"{nameof(SeccompArgSpec)}.{p.Name}"),
    ];

    [Theory]
    [MemberData(nameof(Properties))]
    public void Changing_any_property_changes_the_key(string property)
    {
        var (type, name) = (property.Split('.')[0], property.Split('.')[1]);
        var profile = Profile();
        object target = type switch
        {
            nameof(SeccompSpec) => profile,
            nameof(SeccompSyscallSpec) => profile.Syscalls![0],
            _ => profile.Syscalls![0].Args![0],
        };
        PropertyInfo info = target.GetType().GetProperty(name)!;
        byte[] before = SeccompCacheKey.For(profile);
        info.SetValue(target, Other(info.PropertyType));

        Assert.NotEqual(before, SeccompCacheKey.For(profile));
    }

    [Fact]
    public void Equal_profiles_have_equal_keys_and_an_absent_list_is_not_an_empty_one()
    {
        Assert.Equal(SeccompCacheKey.For(Profile()), SeccompCacheKey.For(Profile()));
        Assert.NotEqual(SeccompCacheKey.For(Profile() with { Flags = null }), SeccompCacheKey.For(Profile() with { Flags = [] }));
        Assert.NotEqual(SeccompCacheKey.For(Profile() with { ListenerPath = null }), SeccompCacheKey.For(Profile() with { ListenerPath = "" }));
    }
}
