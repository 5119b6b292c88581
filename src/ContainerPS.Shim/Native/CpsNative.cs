using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Native;

/// <summary>native/*.c, linked statically into the NativeAOT executable (see the csproj).</summary>
internal static unsafe partial class CpsNative
{
    private const string Library = "cpsnative";

    /// <summary>The clone function: interprets a <see cref="Child.ChildContext"/> (native/child.c).</summary>
    [LibraryImport(Library, EntryPoint = "cps_child_entry")]
    public static partial void* ChildEntry();

    /// <summary>posix_spawn in a new session with stdio on /dev/null and <paramref name="reportFd"/> as fd 3 (native/spawn.c).</summary>
    [LibraryImport(Library, EntryPoint = "cps_spawn_detached")]
    public static partial int SpawnDetached(byte* path, byte** argv, int reportFd, int* pid);

    /// <summary>fexecve(3) with this process's environ: re-executes the sealed copy (native/reexec.c). Returns only on failure.</summary>
    [LibraryImport(Library, EntryPoint = "cps_fexecve", SetLastError = true)]
    public static partial int Fexecve(int fd, byte** argv);
}
