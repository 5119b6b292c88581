using System.Buffers.Binary;

namespace ContainerPS.Shim.Tests;

/// <summary>A classic BPF interpreter for seccomp programs (linux/filter.h; the data is struct seccomp_data), to
/// compare two programs' decisions without installing them.</summary>
internal static class ClassicBpf
{
    public static uint Run(byte[] program, uint number, uint architecture, ulong[] args)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(data, number);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), architecture);
        for (int i = 0; i < 6; i++) BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16 + 8 * i), args[i]);
        uint a = 0, x = 0;
        var memory = new uint[16];
        for (int pc = 0, steps = 0; steps < 100_000; pc++, steps++)
        {
            var slot = program.AsSpan(pc * 8, 8);
            ushort code = BinaryPrimitives.ReadUInt16LittleEndian(slot);
            byte jt = slot[2], jf = slot[3];
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(slot[4..]);
            uint operand = (code & 0x08) != 0 ? x : k;
            switch (code & 0x07)
            {
                case 0x00: // LD
                    a = (code & 0xe0) switch
                    {
                        0x20 => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k)),
                        0x00 => k,
                        0x60 => memory[k],
                        _ => throw new InvalidOperationException($"ld mode {code:x}"),
                    };
                    break;
                case 0x01: x = (code & 0xe0) == 0x60 ? memory[k] : k; break; // LDX
                case 0x02: memory[k] = a; break; // ST
                case 0x03: memory[k] = x; break; // STX
                case 0x04: // ALU
                    a = (code & 0xf0) switch
                    {
                        0x00 => a + operand, 0x10 => a - operand, 0x20 => a * operand, 0x40 => a | operand,
                        0x50 => a & operand, 0x60 => a << (int)operand, 0x70 => a >> (int)operand, 0x80 => (uint)-(int)a,
                        0xa0 => a ^ operand,
                        _ => throw new InvalidOperationException($"alu {code:x}"),
                    };
                    break;
                case 0x05: // JMP
                    bool? taken = (code & 0xf0) switch
                    {
                        0x00 => null, 0x10 => a == operand, 0x20 => a > operand, 0x30 => a >= operand, 0x40 => (a & operand) != 0,
                        _ => throw new InvalidOperationException($"jmp {code:x}"),
                    };
                    pc += taken is null ? (int)k : taken.Value ? jt : jf;
                    break;
                case 0x06: return (code & 0x18) == 0x10 ? a : k; // RET
                case 0x07: if ((code & 0xf8) == 0x00) x = a; else a = x; break; // TAX, TXA
            }
        }
        throw new InvalidOperationException("the program did not return");
    }
}
