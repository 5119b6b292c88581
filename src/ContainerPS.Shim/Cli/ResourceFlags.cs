using System.Globalization;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Cli;

/// <summary>
/// What `update` was asked to change (runc-update(8)): `--resources FILE|-` (a runtime-spec linux.resources object;
/// containerd-shim-runc-v2 writes it to stdin), or else the options, as runc reads them: with --resources the
/// options are ignored. runc 1.1's names, with docker's `--cpu-shares` and older runc's kernel memory options
/// taken too. Sizes take docker's units (64m, 1g: binary multiples, go-units RAMInBytes), -1 is unlimited.
/// </summary>
internal static class ResourceFlags
{
    public static readonly HashSet<string> Names =
    [
        "--memory", "--memory-reservation", "--memory-swap", "--kernel-memory", "--kernel-memory-tcp", "--cpu-share", "--cpu-shares",
        "--cpu-quota", "--cpu-period", "--cpu-rt-period", "--cpu-rt-runtime", "--cpuset-cpus", "--cpuset-mems",
        "--pids-limit", "--blkio-weight", "--l3-cache-schema", "--mem-bw-schema",
    ];

    public static ResourcesSpec Read(CommandLine line)
    {
        var options = line.ResourceOptions;
        if (options.Keys.FirstOrDefault(name => name is "l3-cache-schema" or "mem-bw-schema") is { } rdt)
            throw new ShimException(ExitCodes.Unsupported, $"update: --{rdt} needs Intel RDT (resctrl), which this runtime does not manage");
        if (line.Resources is { } source) return ReadDocument(source);
        if (options.TryGetValue("cpu-shares", out string? shares)) options.TryAdd("cpu-share", shares);
        return new ResourcesSpec
        {
            Memory = Memory(options),
            Cpu = Cpu(options),
            Pids = options.TryGetValue("pids-limit", out string? pids) ? new PidsSpec { Limit = Signed("pids-limit", pids) } : null,
            BlockIo = options.TryGetValue("blkio-weight", out string? weight) ? new BlockIoSpec { Weight = Weight(weight) } : null,
        };
    }

    private static ResourcesSpec ReadDocument(string source)
    {
        try
        {
            string json = source == "-" ? Console.In.ReadToEnd() : File.ReadAllText(source);
            return JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.ResourcesSpec)
                ?? throw new ShimException(ExitCodes.Usage, "update: --resources is empty (null)");
        }
        catch (JsonException e) { throw new ShimException(ExitCodes.Usage, $"update: --resources is not a linux.resources object: {e.Message}"); }
        catch (IOException e) { throw new ShimException(ExitCodes.Usage, $"update: --resources {source}: {e.Message}"); }
    }

    private static MemorySpec? Memory(Dictionary<string, string> options) =>
        options.Keys.Any(name => name.StartsWith("memory", StringComparison.Ordinal) || name.StartsWith("kernel", StringComparison.Ordinal))
            ? new MemorySpec
            {
                Limit = Size(options, "memory"),
                Reservation = Size(options, "memory-reservation"),
                Swap = Size(options, "memory-swap"),
                Kernel = Size(options, "kernel-memory"),
                KernelTcp = Size(options, "kernel-memory-tcp"),
            }
            : null;

    private static CpuSpec? Cpu(Dictionary<string, string> options) =>
        options.Keys.Any(name => name.StartsWith("cpu", StringComparison.Ordinal))
            ? new CpuSpec
            {
                Shares = Get(options, "cpu-share", Unsigned),
                Quota = Get(options, "cpu-quota", Signed),
                Period = Get(options, "cpu-period", Unsigned),
                RealtimePeriod = Get(options, "cpu-rt-period", Unsigned),
                RealtimeRuntime = Get(options, "cpu-rt-runtime", Signed),
                Cpus = options.GetValueOrDefault("cpuset-cpus"),
                Mems = options.GetValueOrDefault("cpuset-mems"),
            }
            : null;

    private static T? Get<T>(Dictionary<string, string> options, string name, Func<string, string, T> parse) where T : struct =>
        options.TryGetValue(name, out string? text) ? parse(name, text) : null;

    private static long? Size(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out string? text) ? text == "-1" ? -1 : ByteSize.Parse(text, "--" + name) : null;

    private static long Signed(string name, string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n
        : throw new ShimException(ExitCodes.Usage, $"update: --{name}: '{text}' is not a number");

    private static ulong Unsigned(string name, string text) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) ? n
        : throw new ShimException(ExitCodes.Usage, $"update: --{name}: '{text}' is not a non-negative number");

    /// <summary>blkio.weight is 10 to 1000 (cgroup-v1/blkio-controller.rst); 0 leaves it alone, as in the spec.</summary>
    private static ushort Weight(string text) => ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort n) && (n == 0 || n is >= 10 and <= 1000) ? n
        : throw new ShimException(ExitCodes.Usage, $"update: --blkio-weight: '{text}' is not a weight from 10 to 1000");
}
