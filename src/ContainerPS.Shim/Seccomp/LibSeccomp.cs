using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// libseccomp (seccomp.h), bound lazily: NativeAOT resolves a LibraryImport that is not linked in with dlopen at its
/// first call, so a host without libseccomp.so.2 fails only when a filter is asked for. Why libseccomp and not a BPF
/// compiler of our own: runc, crun and podman compile with it, so ContainerPS's filters have their exact semantics
/// (syscall numbers per architecture, socketcall/ipc multiplexing on x86, the compat architectures' checks), and
/// it is on every distribution (Debian's libseccomp2 is a dependency of apt). Only the plain part, syscall numbers
/// with one unconditional action, is emitted by us as ranges in front (SeccompRangeProgram); SeccompRangeTests
/// holds every decision of the result to libseccomp's own program.
/// </summary>
internal static unsafe partial class LibSeccomp
{
    private const string Library = "libseccomp.so.2";

    /// <summary>__NR_SCMP_ERROR: the name is no syscall on any architecture the filter has.</summary>
    public const int NoSuchSyscall = -1;

    public const uint ActKillProcess = 0x80000000, ActKillThread = 0x00000000, ActTrap = 0x00030000,
        ActErrnoBase = 0x00050000, ActTraceBase = 0x7ff00000, ActLog = 0x7ffc0000, ActAllow = 0x7fff0000;

    [LibraryImport(Library, EntryPoint = "seccomp_init")]
    public static partial nint Init(uint defaultAction);

    [LibraryImport(Library, EntryPoint = "seccomp_release")]
    public static partial void Release(nint context);

    [LibraryImport(Library, EntryPoint = "seccomp_attr_set")]
    public static partial int AttrSet(nint context, int attribute, uint value);

    [LibraryImport(Library, EntryPoint = "seccomp_arch_resolve_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint ArchResolveName(string name);

    [LibraryImport(Library, EntryPoint = "seccomp_arch_add")]
    public static partial int ArchAdd(nint context, uint architecture);

    [LibraryImport(Library, EntryPoint = "seccomp_arch_remove")]
    public static partial int ArchRemove(nint context, uint architecture);

    [LibraryImport(Library, EntryPoint = "seccomp_arch_native")]
    public static partial uint ArchNative();

    /// <summary>The syscall's number on that architecture; NoSuchSyscall, or a pseudo number (negative) where it
    /// is multiplexed (socketcall, ipc: from -100 to -299) or absent (-10000 and below).</summary>
    [LibraryImport(Library, EntryPoint = "seccomp_syscall_resolve_name_arch", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SyscallResolveNameArch(uint architecture, string name);

    /// <summary>The name of a syscall number on that architecture, or null; the string is libseccomp's own.</summary>
    [LibraryImport(Library, EntryPoint = "seccomp_syscall_resolve_num_arch")]
    public static partial nint SyscallResolveNumArch(uint architecture, int number);

    [LibraryImport(Library, EntryPoint = "seccomp_syscall_resolve_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SyscallResolveName(string name);

    [LibraryImport(Library, EntryPoint = "seccomp_rule_add_array")]
    public static partial int RuleAddArray(nint context, uint action, int syscall, uint count, ArgCompare* compares);

    [LibraryImport(Library, EntryPoint = "seccomp_export_bpf")]
    public static partial int ExportBpf(nint context, int fd);

    [LibraryImport(Library, EntryPoint = "seccomp_version")]
    public static partial Version* GetVersion();

    /// <summary>struct scmp_arg_cmp.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ArgCompare
    {
        public uint Argument;
        public int Operator;
        public ulong DatumA;
        public ulong DatumB;
    }

    /// <summary>struct scmp_version.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Version
    {
        public uint Major, Minor, Micro;
    }
}
