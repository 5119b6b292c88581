using System.Runtime.InteropServices;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// Splits a profile between the range program (SeccompRangeProgram) and libseccomp. A syscall number goes to the
/// ranges only when every rule that names it on that architecture is unconditional and has one action, which is
/// where libseccomp's meaning is plain; a name with argument conditions, with rules of different actions, or that
/// libseccomp multiplexes on the architecture (socketcall(2) and ipc(2) on x86), is left to libseccomp, with the
/// multiplexers themselves, so its meaning there is libseccomp's exactly.
/// </summary>
internal static class SeccompRangePlanner
{
    /// <summary>x32's system calls are x86_64's audit architecture with this bit set in the number.</summary>
    public const uint X32SyscallBit = 0x40000000;

    public const uint X86_64 = 0xc000003e, X32 = 0x4000003e, X86 = 0x40000003, Aarch64 = 0xc00000b7, Arm = 0x40000028;

    /// <summary>The architectures whose numbering the range program knows; any other stays wholly with libseccomp.</summary>
    public static readonly IReadOnlySet<uint> Known = new HashSet<uint> { X86_64, X32, X86, Aarch64, Arm };

    /// <summary>libseccomp's pseudo numbers: from -100 to -299 a multiplexed call, -10000 and below none here.</summary>
    private const int Absent = -10000;

    /// <summary>Past the highest syscall number of any known architecture today (x32's reach 547).</summary>
    private const int NumberScan = 1024;

    public static SeccompArchitecturePlan Plan(uint token, IReadOnlyList<(SeccompSyscallSpec Rule, uint Action)> rules)
    {
        var decided = new Dictionary<uint, uint>();
        var conflicting = new HashSet<uint>();
        var deferredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, action) in rules)
        {
            foreach (string name in rule.Names)
            {
                int number = LibSeccomp.SyscallResolveNameArch(token, name);
                if (number == LibSeccomp.NoSuchSyscall || number <= Absent) continue;
                if (number < 0) deferredNames.UnionWith([name, "socketcall", "ipc"]);
                else if (rule.Args is { Count: > 0 }) deferredNames.Add(name);
                else if (decided.TryGetValue((uint)number, out uint other) && other != action) conflicting.Add((uint)number);
                else decided[(uint)number] = action;
            }
        }
        var names = Names(token).ToList();
        // The names of conflicting numbers go to libseccomp too, so that it sees every rule deciding them.
        foreach (var (number, name) in names) if (conflicting.Contains(number)) deferredNames.Add(name);
        var deferred = new SortedSet<uint>(conflicting);
        foreach (var (number, name) in names) if (deferredNames.Contains(name)) deferred.Add(number);
        foreach (string name in deferredNames)
        {
            if (LibSeccomp.SyscallResolveNameArch(token, name) is >= 0 and int number) deferred.Add((uint)number);
        }
        foreach (uint number in deferred) decided.Remove(number);
        return new SeccompArchitecturePlan(token, token == X32 ? X32SyscallBit : 0, new SortedDictionary<uint, uint>(decided), deferred, deferredNames);
    }

    /// <summary>Every syscall number libseccomp names on the architecture, with its name.</summary>
    private static IEnumerable<(uint Number, string Name)> Names(uint token)
    {
        uint first = token == X32 ? X32SyscallBit : 0;
        for (uint number = first; number < first + NumberScan; number++)
        {
            nint name = LibSeccomp.SyscallResolveNumArch(token, (int)number);
            if (name == 0) continue;
            string text = Marshal.PtrToStringUTF8(name)!;
            Marshal.FreeHGlobal(name); // free(3) on Unix: the string is malloc'd by libseccomp
            yield return (number, text);
        }
    }
}
