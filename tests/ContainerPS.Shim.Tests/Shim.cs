using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// Drives the published containerps-shim with a throwaway state root; container ids are unique per test (they name
/// cgroups). Disposing deletes (--force) every container the test made and the state root.
/// </summary>
internal sealed class Shim : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly List<string> _ids = [];

    /// <summary>A fresh directory under /tmp, or under <paramref name="parent"/> (a state root on another file system).</summary>
    public Shim(string? parent = null) =>
        Root = parent is null ? Directory.CreateTempSubdirectory("cps-state-").FullName
            : Directory.CreateDirectory(Path.Combine(parent, "cps-state-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    public string Root { get; }

    public string NewId()
    {
        string id = "t" + Guid.NewGuid().ToString("N")[..12];
        _ids.Add(id);
        return id;
    }

    public ShimResult Invoke(params string[] arguments) => Execute(ShimBinary.Path, ["--root", Root, .. arguments]);

    /// <summary>`run --bundle B ID`: the container's own stdout/stderr come back (it shares the shim's stdio).</summary>
    public ShimResult Run(BusyboxBundle bundle, string id) => Invoke("run", "--bundle", bundle.Path, id);

    public ShimResult RunSpec(BusyboxBundle bundle, Runtime.Spec.RuntimeSpec spec, out string id)
    {
        bundle.Write(spec);
        id = NewId();
        return Run(bundle, id);
    }

    /// <summary>`create --start` of a busybox container running <paramref name="command"/> (sh -c); asserts it runs and returns its id.</summary>
    public string StartDetached(BusyboxBundle bundle, string command)
    {
        bundle.Write(BusyboxBundle.DefaultSpec(command));
        string id = NewId();
        var result = Invoke("create", "--start", "--bundle", bundle.Path, id);
        Assert.True(result.ExitCode == 0, result.ToString());
        return id;
    }

    public ContainerState State(string id)
    {
        var result = Invoke("state", id);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize(result.Stdout, RuntimeJsonContext.Default.ContainerState)!;
    }

    /// <summary>Waits (bounded) until the container reaches <paramref name="status"/>: the test waits for an event, it does not time it.</summary>
    public ContainerState WaitFor(string id, string status)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var state = State(id);
            if (state.Status == status || DateTime.UtcNow > deadline) return state;
            Thread.Sleep(10);
        }
    }

    /// <summary>Waits (bounded) until a json-file log holds a line with <paramref name="text"/>.</summary>
    public static void WaitForLine(string logPath, string text)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!(File.Exists(logPath) && File.ReadAllText(logPath).Contains(text)) && DateTime.UtcNow < deadline) Thread.Sleep(10);
    }

    /// <param name="input">Writes to the program's stdin before it is closed (nothing by default).</param>
    public static ShimResult Execute(string program, IEnumerable<string> arguments, Action<Stream>? input = null)
    {
        var list = arguments.ToList();
        return list.Contains("create") ? ExecuteWithFileOutput(program, list, input) : ExecuteWithPipes(program, list, input);
    }

    /// <summary>
    /// `create` without the log annotation gives the container the caller's stdout and stderr (runc's pass-through),
    /// so pipes would see EOF only when the container exits: its output goes to files instead, as a runc caller's
    /// fifos or files, and only what is there when `create` returns is read.
    /// </summary>
    private static ShimResult ExecuteWithFileOutput(string program, List<string> arguments, Action<Stream>? input)
    {
        string output = Path.Combine(Path.GetTempPath(), "cps-create-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = ExecuteWithPipes("/bin/sh", ["-c", "out=$1; shift; exec \"$@\" >\"$out.out\" 2>\"$out.err\"", "sh", output, program, .. arguments], input);
            return new ShimResult(result.ExitCode, File.ReadAllText(output + ".out"), File.ReadAllText(output + ".err"));
        }
        finally
        {
            File.Delete(output + ".out");
            File.Delete(output + ".err");
        }
    }

    private static ShimResult ExecuteWithPipes(string program, IReadOnlyList<string> arguments, Action<Stream>? input)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        input?.Invoke(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish");
        }
        return new ShimResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The container's cgroup directories that exist on this host (v1: one per controller; v2: one).</summary>
    public static IReadOnlyList<string> CgroupDirectories(string id)
    {
        string[] candidates = ["memory", "cpu", "pids", "cpu,cpuacct", ""];
        return candidates.Select(c => Path.Combine("/sys/fs/cgroup", c, "containerps", id)).Where(Directory.Exists).Distinct().ToList();
    }

    public void Dispose()
    {
        foreach (string id in _ids) Invoke("delete", "--force", id);
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
