namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// eBPF instructions as the kernel reads them (Documentation/bpf/standardization/instruction-set.rst): 8 bytes,
/// little-endian: opcode, dst register (low nibble) and src register (high nibble), a 16-bit offset, a 32-bit immediate.
/// Only the few this project's device filter needs.
/// </summary>
internal static class BpfInstruction
{
    // Classes, sizes, modes, operations and sources of the opcode byte.
    private const byte ClassLdx = 0x01, ClassJmp32 = 0x06, ClassJmp = 0x05, ClassAlu = 0x04, ClassAlu64 = 0x07;
    private const byte SizeWord = 0x00, ModeMem = 0x60;
    private const byte OpAnd = 0x50, OpRsh = 0x70, OpMov = 0xb0, OpJne = 0x50, OpExit = 0x90;
    private const byte SourceImmediate = 0x00, SourceRegister = 0x08;

    /// <summary>dst = *(u32 *)(src + offset).</summary>
    public static ulong LoadWord(int dst, int src, short offset) => Encode(ClassLdx | ModeMem | SizeWord, dst, src, offset, 0);

    /// <summary>dst = (u32)src.</summary>
    public static ulong Mov32(int dst, int src) => Encode(ClassAlu | OpMov | SourceRegister, dst, src, 0, 0);

    /// <summary>dst = imm (64-bit, sign-extended).</summary>
    public static ulong Mov64(int dst, int imm) => Encode(ClassAlu64 | OpMov | SourceImmediate, dst, 0, 0, imm);

    /// <summary>dst = (u32)dst &amp; imm.</summary>
    public static ulong And32(int dst, int imm) => Encode(ClassAlu | OpAnd | SourceImmediate, dst, 0, 0, imm);

    /// <summary>dst = (u32)dst &gt;&gt; imm.</summary>
    public static ulong RightShift32(int dst, int imm) => Encode(ClassAlu | OpRsh | SourceImmediate, dst, 0, 0, imm);

    /// <summary>if ((u32)dst != imm) skip <paramref name="offset"/> instructions.</summary>
    public static ulong JumpIfNotEqual32(int dst, int imm, short offset) => Encode(ClassJmp32 | OpJne | SourceImmediate, dst, 0, offset, imm);

    /// <summary>return r0.</summary>
    public static ulong Exit() => Encode(ClassJmp | OpExit, 0, 0, 0, 0);

    private static ulong Encode(int opcode, int dst, int src, short offset, int imm) =>
        (ulong)(byte)opcode | (ulong)(byte)((src << 4) | dst) << 8 | (ulong)(ushort)offset << 16 | (ulong)(uint)imm << 32;
}
