namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// The cgroup v2 device allow-list as an eBPF program of type BPF_PROG_TYPE_CGROUP_DEVICE (cgroup-v2.rst, "Device
/// controller"): the kernel runs it on every open and mknod of a device node and allows the access when it returns 1.
/// Its context is struct bpf_cgroup_dev_ctx { u32 access_type (access &lt;&lt; 16 | type); u32 major; u32 minor; }.
/// Only the shape Docker writes can be expressed: a deny of all first, then allow rules; the program checks each
/// allow rule and returns 0 when none matches. Anything else fails with <see cref="CgroupErrorIds.InvalidLimit"/>.
/// </summary>
internal static class DeviceFilterProgram
{
    // include/uapi/linux/bpf.h: BPF_DEVCG_DEV_* and BPF_DEVCG_ACC_*.
    private const int DevBlock = 1, DevChar = 2;
    private const int AccMknod = 1, AccRead = 2, AccWrite = 4;

    // Registers: r1 the context; r2 type, r3 access, r4 major, r5 minor; r0 the answer.
    private const int R0 = 0, R1 = 1, RType = 2, RAccess = 3, RMajor = 4, RMinor = 5, RScratch = 6;

    public static ulong[] Build(IReadOnlyList<DeviceRule> rules)
    {
        if (rules.Count == 0 || !rules[0].IsDenyAll || rules.Skip(1).Any(r => !r.Allow))
        {
            throw DeviceRule.Invalid("on cgroup v2 the list must be a deny of all followed by allow rules");
        }

        var program = new List<ulong>
        {
            BpfInstruction.LoadWord(RType, R1, 0),
            BpfInstruction.Mov32(RAccess, RType),
            BpfInstruction.And32(RType, 0xFFFF),
            BpfInstruction.RightShift32(RAccess, 16),
            BpfInstruction.LoadWord(RMajor, R1, 4),
            BpfInstruction.LoadWord(RMinor, R1, 8),
        };
        foreach (var rule in rules.Skip(1))
        {
            program.AddRange(AllowBlock(rule));
        }

        program.Add(BpfInstruction.Mov64(R0, 0));
        program.Add(BpfInstruction.Exit());
        return [.. program];
    }

    /// <summary>"If the device matches the rule, return 1": each test that fails jumps past the block's end.</summary>
    private static List<ulong> AllowBlock(DeviceRule rule)
    {
        var tests = new List<(int Register, int Value)>();
        if (rule.Type != 'a')
        {
            tests.Add((RType, rule.Type == 'b' ? DevBlock : DevChar));
        }

        if (rule.Major is long major)
        {
            tests.Add((RMajor, (int)(uint)major));
        }

        if (rule.Minor is long minor)
        {
            tests.Add((RMinor, (int)(uint)minor));
        }

        int notAllowed = ~AccessBits(rule.Access) & (AccMknod | AccRead | AccWrite);
        var block = new List<ulong>();
        int length = tests.Count + (notAllowed != 0 ? 3 : 0) + 2;
        foreach (var (register, value) in tests)
        {
            block.Add(BpfInstruction.JumpIfNotEqual32(register, value, (short)(length - block.Count - 1)));
        }

        if (notAllowed != 0)
        {
            // An access asking for anything the rule does not grant does not match it.
            block.Add(BpfInstruction.Mov32(RScratch, RAccess));
            block.Add(BpfInstruction.And32(RScratch, notAllowed));
            block.Add(BpfInstruction.JumpIfNotEqual32(RScratch, 0, (short)(length - block.Count - 1)));
        }

        block.Add(BpfInstruction.Mov64(R0, 1));
        block.Add(BpfInstruction.Exit());
        return block;
    }

    private static int AccessBits(string access) =>
        (access.Contains('m') ? AccMknod : 0) | (access.Contains('r') ? AccRead : 0) | (access.Contains('w') ? AccWrite : 0);
}
