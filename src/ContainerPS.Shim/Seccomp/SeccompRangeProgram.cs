using System.Buffers.Binary;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// The front of the filter: per architecture, a binary search over runs of syscall numbers that share an action,
/// each run a single comparison. Why: libseccomp gives each syscall its own comparison (docker's profile is 1,203
/// instructions on x86_64 + x86 + x32), and the kernel's JIT and its per-number action cache make seccomp(2) cost in
/// proportion to the program: measured here (2026-12-04, kernel 6.18, 300 installs each), docker's default profile
/// as libseccomp's 1,246 instructions took 0.43 ms on average, as ranges with libseccomp's programs for the
/// conditional rules behind them 692 instructions and 0.31 ms (bench/README.md, "The seccomp filter"). Numbers the plan defers jump to libseccomp's program for that architecture, appended
/// behind; an architecture the ranges do not know jumps to the fallback program, libseccomp's as well, whose
/// architecture check gives it libseccomp's bad-architecture action.
/// </summary>
internal static class SeccompRangeProgram
{
    private const int MaxJump = byte.MaxValue;

    /// <summary>The program: the range front, then each plan's libseccomp program, then the fallback.</summary>
    public static byte[] Link(IReadOnlyList<SeccompArchitecturePlan> plans, uint defaultAction,
        IReadOnlyDictionary<uint, byte[]> deferredPrograms, byte[] fallback)
    {
        var front = new List<BpfInstruction> { BpfInstruction.Load(BpfInstruction.ArchitectureOffset) };
        var sections = Sections(plans);
        foreach (var audit in sections.Keys)
        {
            front.Add(new BpfInstruction(BpfInstruction.JumpIfEqual, 0, 1, audit));
            front.Add(BpfInstruction.JumpTo(SectionLabel(audit)));
        }
        front.Add(BpfInstruction.JumpTo(FallbackLabel));
        var labels = new Dictionary<string, int>();
        foreach (var (audit, section) in sections)
        {
            labels[SectionLabel(audit)] = front.Count;
            front.Add(BpfInstruction.Load(BpfInstruction.NumberOffset));
            front.AddRange(Section(section, defaultAction));
        }
        var program = new List<byte[]>();
        int length = front.Count;
        foreach (var (token, code) in deferredPrograms)
        {
            labels[DeferredLabel(token)] = length;
            program.Add(code);
            length += code.Length / 8;
        }
        labels[FallbackLabel] = length;
        program.Add(fallback);
        return [.. Encode(front, labels), .. program.SelectMany(code => code)];
    }

    private const string FallbackLabel = "fallback";

    private static string SectionLabel(uint audit) => $"section {audit:x8}";

    public static string DeferredLabel(uint token) => $"libseccomp {token:x8}";

    /// <summary>The plans by audit architecture: x86_64 and x32 share one, told apart by x32's bit in the number.</summary>
    private static SortedDictionary<uint, List<SeccompArchitecturePlan>> Sections(IReadOnlyList<SeccompArchitecturePlan> plans)
    {
        var sections = new SortedDictionary<uint, List<SeccompArchitecturePlan>>();
        foreach (var plan in plans)
        {
            uint audit = plan.Token == SeccompRangePlanner.X32 ? SeccompRangePlanner.X86_64 : plan.Token;
            if (!sections.TryGetValue(audit, out var list)) sections[audit] = list = [];
            list.Add(plan);
        }
        return sections;
    }

    /// <summary>One audit architecture's search. x86_64's section splits at x32's bit first; a half without a plan
    /// (x32 not in the filter) goes to the other half's libseccomp program, which treats it as libseccomp does.</summary>
    private static List<BpfInstruction> Section(List<SeccompArchitecturePlan> plans, uint defaultAction)
    {
        if (plans[0].Token is not (SeccompRangePlanner.X86_64 or SeccompRangePlanner.X32)) return Search(Runs(plans[0], defaultAction), plans[0].Token);
        var native = plans.FirstOrDefault(p => p.Token == SeccompRangePlanner.X86_64);
        var x32 = plans.FirstOrDefault(p => p.Token == SeccompRangePlanner.X32);
        List<BpfInstruction> below = native is null ? [BpfInstruction.JumpTo(DeferredLabel(x32!.Token))] : Search(Runs(native, defaultAction), native.Token);
        List<BpfInstruction> above = x32 is null ? [BpfInstruction.JumpTo(DeferredLabel(native!.Token))] : Search(Runs(x32, defaultAction), x32.Token);
        return Branch(SeccompRangePlanner.X32SyscallBit, below, above);
    }

    /// <summary>A run of numbers from Start on with one outcome: an action, or null for libseccomp's program.</summary>
    private readonly record struct Run(uint Start, uint? Action);

    private static List<Run> Runs(SeccompArchitecturePlan plan, uint defaultAction)
    {
        var outcomes = new SortedDictionary<uint, uint?>();
        foreach (var (number, action) in plan.Decided) outcomes[number] = action;
        foreach (uint number in plan.Deferred) outcomes[number] = null;
        var points = new List<Run> { new(plan.First, defaultAction) };
        foreach (var (number, action) in outcomes)
        {
            points.Add(new Run(number, action));
            if (!outcomes.ContainsKey(number + 1)) points.Add(new Run(number + 1, defaultAction));
        }
        var runs = new List<Run>();
        foreach (var point in points)
        {
            if (runs.Count > 0 && runs[^1].Start == point.Start) runs.RemoveAt(runs.Count - 1);
            if (runs.Count == 0 || runs[^1].Action != point.Action) runs.Add(point);
        }
        return runs;
    }

    private static List<BpfInstruction> Search(List<Run> runs, uint token)
    {
        if (runs.Count == 1)
        {
            return [runs[0].Action is uint action ? BpfInstruction.Ret(action) : BpfInstruction.JumpTo(DeferredLabel(token))];
        }
        int middle = runs.Count / 2;
        return Branch(runs[middle].Start, Search(runs[..middle], token), Search(runs[middle..], token));
    }

    /// <summary>number >= at ? above : below. A jump's offset is 8 bits: past that, a JA carries it.</summary>
    private static List<BpfInstruction> Branch(uint at, List<BpfInstruction> below, List<BpfInstruction> above)
    {
        var code = below.Count <= MaxJump
            ? new List<BpfInstruction> { new(BpfInstruction.JumpIfAtLeast, (byte)below.Count, 0, at) }
            : [new(BpfInstruction.JumpIfAtLeast, 0, 1, at), BpfInstruction.Skip((uint)below.Count)];
        code.AddRange(below);
        code.AddRange(above);
        return code;
    }

    private static byte[] Encode(List<BpfInstruction> code, Dictionary<string, int> labels)
    {
        var bytes = new byte[code.Count * 8];
        for (int i = 0; i < code.Count; i++)
        {
            var instruction = code[i];
            uint k = instruction.Target is { } label ? (uint)(labels[label] - (i + 1)) : instruction.K;
            var slot = bytes.AsSpan(i * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, instruction.Code);
            slot[2] = instruction.JumpTrue;
            slot[3] = instruction.JumpFalse;
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], k);
        }
        return bytes;
    }
}
