using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// A linux.namespaces entry with a path is joined, not created (config-linux.md, "Namespaces"): the engine's bridge
/// networks rely on it. The namespace here is the test's own (unshare --net=FILE pins it on a file, as the engine
/// does) and goes with it; the test refuses to run in the host's network namespace (build.ps1 Test runs the suite
/// under unshare --net).
/// </summary>
public sealed class JoinedNetworkNamespaceTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("cps-netns-").FullName;

    public JoinedNetworkNamespaceTests()
    {
        Assert.True(InOwnNetworkNamespace(), "run these tests in a network namespace of their own (build.ps1 Test does: unshare --net)");
        File.WriteAllText(NamespacePath, "");
        try
        {
            Must("unshare", $"--net={NamespacePath}", "true");
            Must("nsenter", $"--net={NamespacePath}", "ip", "link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private string NamespacePath => Path.Combine(_directory, "net");

    [Fact]
    public void The_container_joins_the_namespace_the_spec_names_by_path_and_leaves_its_loopback_as_it_was()
    {
        var spec = WithNetwork(BusyboxBundle.DefaultSpec("ls /sys/class/net; cat /sys/class/net/lo/flags"), NamespacePath);

        var result = _shim.RunSpec(_bundle, spec, out _);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The engine sets up a joined namespace itself: the supervisor does not bring its loopback up (0x8, down).
        Assert.Equal(["lo", "probe0", "probe1", "0x8"], result.Lines);
    }

    [Fact]
    public void A_path_that_is_not_a_namespace_fails_the_create_and_leaves_nothing()
    {
        var spec = WithNetwork(BusyboxBundle.DefaultSpec("true"), "/proc/self/cmdline");
        _bundle.Write(spec);
        string id = _shim.NewId();

        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("join-network-namespace", result.Stderr);
        Assert.Equal(3, _shim.Invoke("state", id).ExitCode);
        Assert.Empty(Shim.CgroupDirectories(id));
    }

    /// <summary>
    /// Not the host's namespace: PID 1's when readable (ptrace access rules may forbid it), and the one build.ps1 Test
    /// recorded in CONTAINERPS_HOST_NETNS before it started the tests under unshare --net.
    /// </summary>
    private static bool InOwnNetworkNamespace()
    {
        string own = File.ResolveLinkTarget("/proc/self/ns/net", false)!.ToString();
        var hosts = new List<string>();
        try { hosts.Add(File.ResolveLinkTarget("/proc/1/ns/net", false)!.ToString()); }
        catch (UnauthorizedAccessException) { }
        if (Environment.GetEnvironmentVariable("CONTAINERPS_HOST_NETNS") is { Length: > 0 } recorded) hosts.Add(recorded);
        return hosts.Count > 0 && !hosts.Contains(own);
    }

    private static RuntimeSpec WithNetwork(RuntimeSpec spec, string path) => spec with
    {
        Linux = spec.Linux with { Namespaces = [.. spec.Linux.Namespaces.Where(n => n.Type != "network"), new NamespaceSpec { Type = "network", Path = path }] },
    };

    private static void Must(string program, params string[] arguments)
    {
        var result = Shim.Execute(program, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose()
    {
        Shim.Execute("umount", [NamespacePath]);
        Directory.Delete(_directory, recursive: true);
        _bundle.Dispose();
        _shim.Dispose();
    }
}
