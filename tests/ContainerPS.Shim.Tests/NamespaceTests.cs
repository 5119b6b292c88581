using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// linux.namespaces beyond new ones (config-linux.md, "Namespaces", "User namespace mappings"): every type joined by
/// path, a new user namespace with its mappings, and no mount namespace at all (the host's is shared).
/// </summary>
public sealed class NamespaceTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("cps-ns-").FullName;

    private static RuntimeSpec WithNamespaces(RuntimeSpec spec, params NamespaceSpec[] namespaces) =>
        spec with { Linux = spec.Linux with { Namespaces = [.. namespaces] } };

    private static NamespaceSpec[] Without(RuntimeSpec spec, params string[] types) =>
        [.. spec.Linux.Namespaces.Where(n => !types.Contains(n.Type))];

    [Fact]
    public void The_uts_and_ipc_namespaces_named_by_path_are_joined()
    {
        string uts = PinNamespace("uts"), ipc = PinNamespace("ipc");
        Must("nsenter", $"--uts={uts}", "hostname", "joined-host");
        var spec = BusyboxBundle.DefaultSpec("hostname; readlink /proc/self/ns/ipc") with { Hostname = null };
        spec = WithNamespaces(spec, [.. Without(spec, "uts", "ipc"), new() { Type = "uts", Path = uts }, new() { Type = "ipc", Path = ipc }]);

        var result = _shim.RunSpec(_bundle, spec, out _);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["joined-host", $"ipc:[{Inode(ipc)}]"], result.Lines);
    }

    [Fact]
    public void A_joined_pid_namespace_is_the_one_the_container_is_born_in()
    {
        // A pid namespace lives as long as a process in it: a sleeping unshare keeps one, read from its /proc.
        using var holder = System.Diagnostics.Process.Start("unshare", ["--pid", "--fork", "sleep", "30"]);
        string path = WaitForChildNamespace(holder.Id, "pid");
        var spec = BusyboxBundle.DefaultSpec("readlink /proc/self/ns/pid");
        spec = WithNamespaces(spec, [.. Without(spec, "pid"), new() { Type = "pid", Path = path }]);

        var result = _shim.RunSpec(_bundle, spec, out _);
        holder.Kill(entireProcessTree: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([new FileInfo(path).LinkTarget!], result.Lines);
    }

    [Fact]
    public void A_new_user_namespace_gets_the_specs_mappings_and_the_process_runs_as_its_root()
    {
        var spec = BusyboxBundle.DefaultSpec("cat /proc/self/uid_map /proc/self/gid_map; id -u; id -g; touch /tmp/made; stat -c %u /tmp/made");
        spec = spec with
        {
            Linux = spec.Linux with
            {
                Namespaces = [.. spec.Linux.Namespaces, new() { Type = "user" }],
                UidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }],
                GidMappings = [new() { ContainerId = 0, HostId = 200000, Size = 65536 }],
            },
        };
        // Root of the namespace is the host's uid 100000: it must be able to reach the rootfs and write to /tmp.
        File.SetUnixFileMode(_bundle.Path, (UnixFileMode)0x1ed);
        File.SetUnixFileMode(Path.Combine(_bundle.Rootfs, "tmp"), (UnixFileMode)0x3ff);

        var result = _shim.RunSpec(_bundle, spec, out _);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["0 100000 65536", "0 200000 65536", "0", "0", "0"], result.Lines.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        // Seen from the host, what the container made belongs to the mapped uid.
        Assert.Equal("100000", Must("stat", "-c", "%u", Path.Combine(_bundle.Rootfs, "tmp/made")).Stdout.Trim());
    }

    [Fact]
    public void An_exec_into_a_user_namespace_container_joins_it_and_runs_as_its_root()
    {
        var spec = UserNamespaceSpec(BusyboxBundle.DefaultSpec("sleep 100000"));
        _bundle.Write(spec);
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id).ExitCode);
        string process = Path.Combine(_directory, "process.json");
        File.WriteAllText(process, System.Text.Json.JsonSerializer.Serialize(
            BusyboxBundle.DefaultSpec("cat /proc/self/uid_map; id -u").Process, Runtime.RuntimeJsonContext.Default.ProcessSpec));

        var result = _shim.Invoke("exec", "--process", process, id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["0 100000 65536", "0"], result.Lines.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    private RuntimeSpec UserNamespaceSpec(RuntimeSpec spec)
    {
        File.SetUnixFileMode(_bundle.Path, (UnixFileMode)0x1ed);
        return spec with
        {
            Linux = spec.Linux with
            {
                Namespaces = [.. spec.Linux.Namespaces, new() { Type = "user" }],
                UidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }],
                GidMappings = [new() { ContainerId = 0, HostId = 200000, Size = 65536 }],
            },
        };
    }

    [Fact]
    public void Mappings_without_a_new_user_namespace_are_refused()
    {
        var spec = BusyboxBundle.DefaultSpec("true");
        spec = spec with { Linux = spec.Linux with { UidMappings = [new() { ContainerId = 0, HostId = 1000, Size = 1 }] } };
        _bundle.Write(spec);

        var result = _shim.Invoke("create", "--bundle", _bundle.Path, _shim.NewId());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("need a new user namespace", result.Stderr);
    }

    [Fact]
    public void Without_a_mount_namespace_the_container_only_chroots_and_the_host_mount_table_is_untouched()
    {
        var spec = BusyboxBundle.DefaultSpec("ls /bin/busybox; ls /proc | wc -l");
        spec = WithNamespaces(spec, Without(spec, "mount"));
        int before = File.ReadAllLines("/proc/self/mountinfo").Length;

        var result = _shim.RunSpec(_bundle, spec, out _);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["/bin/busybox", "0"], result.Lines); // nothing mounted: the image's own empty /proc
        Assert.Equal(before, File.ReadAllLines("/proc/self/mountinfo").Length);
    }

    [Fact]
    public void A_path_of_another_namespace_type_fails_the_create_naming_the_step()
    {
        var spec = BusyboxBundle.DefaultSpec("true");
        spec = WithNamespaces(spec, [.. Without(spec, "ipc"), new() { Type = "ipc", Path = "/proc/self/ns/uts" }]);
        _bundle.Write(spec);
        string id = _shim.NewId();

        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("join-ipc-namespace", result.Stderr);
        Assert.Equal(3, _shim.Invoke("state", id).ExitCode);
    }

    /// <summary>unshare --TYPE=FILE keeps a new namespace alive on a bind mount of a file (as the engine pins network namespaces).</summary>
    private string PinNamespace(string type)
    {
        string path = Path.Combine(_directory, type);
        File.WriteAllText(path, "");
        Must("unshare", $"--{type}={path}", "true");
        return path;
    }

    private static string WaitForChildNamespace(int parent, string type)
    {
        for (int i = 0; i < 200; i++)
        {
            string children = $"/proc/{parent}/task/{parent}/children";
            if (File.Exists(children) && File.ReadAllText(children).Trim() is { Length: > 0 } child)
                return $"/proc/{child.Split(' ')[0]}/ns/{type}";
            Thread.Sleep(10);
        }
        throw new TimeoutException("unshare did not fork");
    }

    private static long Inode(string path) => long.Parse(Must("stat", "-L", "-c", "%i", path).Stdout.Trim());

    private static ShimResult Must(string program, params string[] arguments)
    {
        var result = Shim.Execute(program, arguments);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result}");
        return result;
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
        foreach (string file in Directory.GetFiles(_directory)) Shim.Execute("umount", [file]);
        Directory.Delete(_directory, recursive: true);
    }
}
