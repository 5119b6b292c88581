using ContainerPS.Runtime.Spec;
using Microsoft.Win32.SafeHandles;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// config-linux.md "Seccomp" → a BPF program, compiled by libseccomp in the supervisor before the clone (the child
/// only installs it). Semantics as runc's: errnoRet defaults to EPERM; a syscall name the host does not know is
/// skipped, so a profile written for newer kernels still loads; a rule whose action is the default action adds
/// nothing and is skipped; names the spec does not allow are errors (SeccompNames), never ignored.
/// </summary>
internal static unsafe class SeccompCompiler
{
    private const uint EPERM = 1;

    /// <summary>SCMP_FLTATR_CTL_OPTIMIZE = 2: libseccomp sorts the syscalls into a binary tree (2.5.0 and later).</summary>
    private const int OptimizeAttribute = 8, BinaryTree = 2;

    /// <summary>How this compiler drives libseccomp, part of the cache key: a change here must not reuse old programs.</summary>
    public const string Options = "optimize=2 ranges=1";

    public static SeccompFilter Compile(SeccompSpec spec)
    {
        var (defaultAction, flags, rules, architectures) = Read(spec);
        uint native = architectures[0];
        if (!SeccompRangePlanner.Known.Contains(native)) return new SeccompFilter(LibSeccompProgram(defaultAction, architectures, rules, null), flags);

        var plans = architectures.Where(SeccompRangePlanner.Known.Contains).Select(token => SeccompRangePlanner.Plan(token, rules)).ToList();
        var deferred = new Dictionary<uint, byte[]>();
        foreach (var plan in plans)
        {
            // x86_64 and x32 share an audit architecture: the half the filter lacks is libseccomp's to decide.
            bool otherHalfMissing = plan.Token is SeccompRangePlanner.X86_64 or SeccompRangePlanner.X32 &&
                !plans.Any(p => p.Token == (plan.Token == SeccompRangePlanner.X86_64 ? SeccompRangePlanner.X32 : SeccompRangePlanner.X86_64));
            if (plan.Deferred.Count > 0 || otherHalfMissing) deferred[plan.Token] = LibSeccompProgram(defaultAction, [plan.Token], rules, plan.DeferredNames);
        }
        var others = architectures.Where(token => !SeccompRangePlanner.Known.Contains(token)).ToList();
        // For an architecture outside the ranges: libseccomp's whole filter for the others, or native's check alone,
        // whose bad-architecture action then applies.
        byte[] fallback = others.Count > 0 ? LibSeccompProgram(defaultAction, others, rules, null) : LibSeccompProgram(defaultAction, [native], [], null);
        return new SeccompFilter(SeccompRangeProgram.Link(plans, defaultAction, deferred, fallback), flags);
    }

    /// <summary>The whole filter by libseccomp alone: what the range program must decide alike (SeccompRangeTests).</summary>
    internal static SeccompFilter CompileByLibseccompAlone(SeccompSpec spec)
    {
        var (defaultAction, flags, rules, architectures) = Read(spec);
        return new SeccompFilter(LibSeccompProgram(defaultAction, architectures, rules, null), flags);
    }

    /// <summary>The profile checked whole and in libseccomp's values: every name, action, operator and flag is
    /// refused here if unknown, even in a rule no architecture of the filter has a syscall for. The rules keep only
    /// those whose action is not the default (they add nothing, as runc skips them); native is the first architecture.</summary>
    private static (uint DefaultAction, uint Flags, List<(SeccompSyscallSpec Rule, uint Action)> Rules, List<uint> Architectures) Read(SeccompSpec spec)
    {
        Reject(spec.ListenerPath is not null, "listenerPath (SCMP_ACT_NOTIFY) is not supported by containerps-shim");
        uint defaultAction = Action(spec.DefaultAction, spec.DefaultErrnoRet);
        uint flags = Flags(spec.Flags);
        foreach (var rule in spec.Syscalls ?? []) _ = SeccompConditions.Group(rule.Args ?? []);
        var rules = (spec.Syscalls ?? []).Select(rule => (Rule: rule, Action: Action(rule.Action, rule.ErrnoRet)))
            .Where(rule => rule.Action != defaultAction).ToList();
        var architectures = new List<uint> { Call(LibSeccomp.ArchNative) };
        foreach (string name in spec.Architectures ?? [])
        {
            uint token = ArchitectureToken(name);
            if (!architectures.Contains(token)) architectures.Add(token);
        }
        return (defaultAction, flags, rules, architectures);
    }

    /// <summary>libseccomp's program for these architectures only, from the rules (only their names in
    /// <paramref name="names"/>, when given).</summary>
    private static byte[] LibSeccompProgram(uint defaultAction, IReadOnlyList<uint> architectures,
        IReadOnlyList<(SeccompSyscallSpec Rule, uint Action)> rules, IReadOnlySet<string>? names)
    {
        nint context = Call(() => LibSeccomp.Init(defaultAction));
        Reject(context == 0, "libseccomp refused the default action");
        try
        {
            // Measured here (kernel 6.18, docker's default profile on x86_64+x86+x32, 1,001 vs 1,246 instructions):
            // seccomp(2) took 0.83 ms for the linear program and 0.31 ms for the tree, because the kernel runs the
            // filter once per syscall number to build its action cache; every call the container makes is
            // decided in O(log n) too. An older libseccomp refuses the attribute and gets the linear program.
            _ = LibSeccomp.AttrSet(context, OptimizeAttribute, BinaryTree);
            uint native = LibSeccomp.ArchNative();
            foreach (uint token in architectures) AddArchitecture(context, token);
            if (!architectures.Contains(native)) Reject(LibSeccomp.ArchRemove(context, native) < 0, "removing the native architecture");
            foreach (var (rule, action) in rules)
            {
                var kept = names is null ? rule.Names : rule.Names.Where(names.Contains).ToList();
                if (kept.Count > 0) AddRule(context, rule.Names == kept ? rule : rule with { Names = kept }, action);
            }
            return Export(context);
        }
        finally { LibSeccomp.Release(context); }
    }

    /// <summary>libseccomp's version, or null when libseccomp.so.2 cannot be loaded.</summary>
    public static string? Version()
    {
        try
        {
            var version = LibSeccomp.GetVersion();
            return version == null ? null : $"{version->Major}.{version->Minor}.{version->Micro}";
        }
        catch (DllNotFoundException) { return null; }
    }

    private static T Call<T>(Func<T> call)
    {
        try { return call(); }
        catch (DllNotFoundException e)
        {
            throw new ShimException(ExitCodes.Failure, "seccomp: libseccomp.so.2 is not installed (Debian: libseccomp2)", e);
        }
    }

    private static uint Action(string name, uint? errnoRet)
    {
        Reject(!SeccompNames.Actions.Contains(name), $"unknown seccomp action '{name}'");
        Reject(name == SeccompNames.NotifyAction, "SCMP_ACT_NOTIFY is not supported by containerps-shim");
        uint data = (errnoRet ?? EPERM) & 0xffff;
        return name switch
        {
            "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => LibSeccomp.ActKillThread,
            "SCMP_ACT_KILL_PROCESS" => LibSeccomp.ActKillProcess,
            "SCMP_ACT_TRAP" => LibSeccomp.ActTrap,
            "SCMP_ACT_ERRNO" => LibSeccomp.ActErrnoBase | data,
            "SCMP_ACT_TRACE" => LibSeccomp.ActTraceBase | data,
            "SCMP_ACT_LOG" => LibSeccomp.ActLog,
            _ => LibSeccomp.ActAllow,
        };
    }

    private static uint Flags(List<string>? names)
    {
        uint flags = 0;
        foreach (string name in names ?? [])
        {
            Reject(!SeccompNames.Flags.TryGetValue(name, out uint bit), $"unknown seccomp flag '{name}'");
            flags |= SeccompNames.Flags[name];
        }
        return flags;
    }

    /// <summary>SCMP_ARCH_X86_64 → libseccomp's token for "x86_64" (the audit architecture, but for x32's).</summary>
    private static uint ArchitectureToken(string name)
    {
        Reject(!SeccompNames.Architectures.Contains(name), $"unknown seccomp architecture '{name}'");
        uint token = Call(() => LibSeccomp.ArchResolveName(name["SCMP_ARCH_".Length..].ToLowerInvariant()));
        Reject(token == 0, $"libseccomp does not know the architecture '{name}'");
        return token;
    }

    private static void AddArchitecture(nint context, uint token)
    {
        int result = LibSeccomp.ArchAdd(context, token);
        Reject(result < 0 && result != -Native.Linux.EEXIST, $"adding architecture {token:x8}: {Native.Errno.Describe(-result)}");
    }

    private static void AddRule(nint context, SeccompSyscallSpec rule, uint action)
    {
        var conditions = SeccompConditions.Group(rule.Args ?? []);
        foreach (string name in rule.Names)
        {
            int number = LibSeccomp.SyscallResolveName(name);
            if (number == LibSeccomp.NoSuchSyscall) continue;
            foreach (var group in conditions) AddConditional(context, action, number, name, group);
        }
    }

    private static void AddConditional(nint context, uint action, int number, string name, LibSeccomp.ArgCompare[] group)
    {
        fixed (LibSeccomp.ArgCompare* compares = group)
        {
            int result = LibSeccomp.RuleAddArray(context, action, number, (uint)group.Length, compares);
            Reject(result < 0, $"seccomp rule for '{name}': {Native.Errno.Describe(-result)}");
        }
    }

    /// <summary>seccomp_export_bpf writes to an fd: a memfd, read back whole (BPF_MAXINSNS caps it at 32 KiB).</summary>
    private static byte[] Export(nint context)
    {
        int memfd = Native.Sys.MemfdCreate("containerps-seccomp", Native.Memfd.MFD_CLOEXEC);
        Reject(memfd < 0, $"memfd_create: {Native.Errno.Describe(Native.Sys.LastError)}");
        using var stream = new FileStream(new SafeFileHandle(memfd, ownsHandle: true), FileAccess.ReadWrite);
        int result = LibSeccomp.ExportBpf(context, memfd);
        Reject(result < 0, $"exporting the seccomp filter: {Native.Errno.Describe(-result)}");
        stream.Position = 0;
        var program = new byte[stream.Length];
        stream.ReadExactly(program);
        Reject(program.Length == 0 || program.Length % 8 != 0, "libseccomp exported no program");
        return program;
    }

    private static void Reject(bool condition, string message)
    {
        if (condition) throw new ShimException(ExitCodes.Failure, $"seccomp: {message}");
    }
}
