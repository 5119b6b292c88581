namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// One classic BPF instruction (struct sock_filter, linux/filter.h), as the range program emits them: a JA may name
/// its target by label (Target), resolved to an offset once the whole program is laid out.
/// </summary>
internal readonly record struct BpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K, string? Target = null)
{
    // BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JA, BPF_JMP|BPF_JEQ|BPF_K, BPF_JMP|BPF_JGE|BPF_K, BPF_RET|BPF_K.
    public const ushort LoadWord = 0x20, Jump = 0x05, JumpIfEqual = 0x15, JumpIfAtLeast = 0x35, Return = 0x06;

    /// <summary>struct seccomp_data (linux/seccomp.h): the syscall number at 0, the audit architecture at 4.</summary>
    public const uint NumberOffset = 0, ArchitectureOffset = 4;

    public static BpfInstruction Load(uint offset) => new(LoadWord, 0, 0, offset);

    public static BpfInstruction Ret(uint action) => new(Return, 0, 0, action);

    public static BpfInstruction JumpTo(string label) => new(Jump, 0, 0, 0, label);

    public static BpfInstruction Skip(uint count) => new(Jump, 0, 0, count);
}
