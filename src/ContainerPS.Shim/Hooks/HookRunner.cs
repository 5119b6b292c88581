using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Logging;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Hooks;

/// <summary>
/// Runs the hooks of the runtime namespace (config.md, "POSIX-platform Hooks": prestart, createRuntime, poststart,
/// poststop) in this process's namespaces, each through native/hook.c with the state on its stdin. Its stdout and
/// stderr are kept (a memfd) and the start of them is quoted when it fails, as runc quotes them.
/// </summary>
internal static unsafe class HookRunner
{
    private const int QuotedOutput = 512;

    /// <summary>prestart, createRuntime: the first failure ends the list and fails the operation (runtime.md "Lifecycle").</summary>
    public static void RunOrThrow(string kind, IReadOnlyList<HookSpec>? hooks, byte[] state)
    {
        for (int i = 0; i < (hooks?.Count ?? 0); i++)
        {
            if (Run(kind, i, hooks![i], state) is { } error) throw new ShimException(ExitCodes.Failure, error);
        }
    }

    /// <summary>poststart, poststop: a failure is a warning (stderr and --log) and the rest still run (runtime.md "Lifecycle").</summary>
    public static void RunOrWarn(string kind, IReadOnlyList<HookSpec>? hooks, byte[] state)
    {
        for (int i = 0; i < (hooks?.Count ?? 0); i++)
        {
            if (Run(kind, i, hooks![i], state) is not { } error) continue;
            Console.Error.WriteLine($"containerps-shim: warning: {error}");
            RuncLog.Warning(error);
        }
    }

    /// <summary>Runs one hook to its end; null when it succeeded, else why not.</summary>
    private static string? Run(string kind, int index, HookSpec hook, byte[] state)
    {
        int output = Sys.MemfdCreate("containerps-hook-output", Memfd.MFD_CLOEXEC);
        using var arena = new NativeArena();
        try
        {
            var native = NativeHook.Prepare(arena, hook, state, withPid: false, root: null, output);
            long result = HookNativeCalls.Run(native);
            if (result == 0) return null;
            string what = $"{kind} hook #{index} ({hook.Path})";
            string quoted = output >= 0 ? Quote(output) : "";
            return result switch
            {
                -Linux.ETIMEDOUT => $"{what} timed out after {hook.Timeout} s and was killed{quoted}",
                -Linux.ECANCELED => $"{what} failed: {DescribeStatus(native->Status)}{quoted}",
                _ => $"{what} could not be run: {Errno.Describe(-result)}",
            };
        }
        finally
        {
            if (output >= 0) Sys.Close(output);
        }
    }

    private static string DescribeStatus(int status) => (status & 0x7f) == 0
        ? (status >> 8) == 127 ? "exit status 127 (not found or not executable)" : $"exit status {status >> 8}"
        : $"killed by signal {status & 0x7f}";

    private static string Quote(int output)
    {
        byte[] text = File.ReadAllBytes($"/proc/self/fd/{output}");
        string shown = System.Text.Encoding.UTF8.GetString(text, 0, Math.Min(text.Length, QuotedOutput)).Trim().ReplaceLineEndings(" ");
        return shown.Length == 0 ? "" : $": {shown}";
    }
}
