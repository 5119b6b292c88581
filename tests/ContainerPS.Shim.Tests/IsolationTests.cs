using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>What a container sees of itself and of the host (issue 3, "Done when"; hardening.md principle 5).</summary>
public sealed class IsolationTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private ShimResult RunScript(string script, Func<RuntimeSpec, RuntimeSpec>? change = null)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        var result = _shim.RunSpec(_bundle, change is null ? spec : change(spec), out _);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public void The_entrypoint_is_PID_1_and_sees_only_its_own_processes()
    {
        var result = RunScript("echo $$; for p in /proc/[0-9]*; do echo ${p#/proc/}; done");
        Assert.Equal("1", result.Lines[0]);
        // sh itself and the for loop's subshell-free expansion: every pid is the container's, all small.
        Assert.All(result.Lines.Skip(1), pid => Assert.True(int.Parse(pid) < 10, result.ToString()));
    }

    [Fact]
    public void The_container_has_its_own_hostname()
    {
        Assert.Equal(["box"], RunScript("hostname").Lines);
    }

    [Fact]
    public void The_container_sees_exactly_its_own_mounts()
    {
        var mountPoints = RunScript("cut -d' ' -f5 /proc/self/mountinfo").Lines.Order().ToList();
        var spec = BusyboxBundle.DefaultSpec("");
        // Masked and read-only paths this kernel lacks are skipped (this host has no /proc/kcore, for one).
        var kernelPaths = spec.Linux.MaskedPaths!.Concat(spec.Linux.ReadonlyPaths!).Where(p => File.Exists(p) || Directory.Exists(p));
        var expected = spec.Mounts.Select(m => m.Destination).Append("/").Concat(kernelPaths).Order().ToList();
        Assert.Equal(expected, mountPoints);
    }

    [Fact]
    public void Sys_and_the_cgroup_mount_are_read_only()
    {
        var options = RunScript("cut -d' ' -f5,6 /proc/self/mountinfo | grep -E '^/sys(/fs/cgroup)? '").Lines;
        Assert.Equal(2, options.Length);
        Assert.All(options, line => Assert.StartsWith("ro", line.Split(' ')[1]));
    }

    [Fact]
    public void A_new_network_namespace_has_only_loopback_and_it_is_up()
    {
        var result = RunScript("ls /sys/class/net; cat /sys/class/net/lo/flags");
        Assert.Equal(["lo", "0x9"], result.Lines);
    }

    [Fact]
    public void Environment_working_directory_and_user_are_applied()
    {
        var result = RunScript("echo $GREETING; pwd; id -u; id -g; id -G", spec => spec with
        {
            Process = spec.Process with
            {
                Env = [.. spec.Process.Env, "GREETING=hello world"],
                Cwd = "/work/here",
                User = new UserSpec { Uid = 65534, Gid = 65534 },
            },
        });
        Assert.Equal(["hello world", "/work/here", "65534", "65534", "65534"], result.Lines);
    }

    [Fact]
    public void Additional_groups_are_the_specs_and_no_host_groups()
    {
        var result = RunScript("id -G", spec => spec with
        {
            Process = spec.Process with { User = new UserSpec { Uid = 1000, Gid = 1000, AdditionalGids = [20, 30] } },
        });
        Assert.Equal(["1000 20 30"], result.Lines);
    }

    [Fact]
    public void A_program_without_a_slash_is_found_on_the_containers_PATH()
    {
        var spec = BusyboxBundle.DefaultSpec("unused");
        var result = _shim.RunSpec(_bundle, spec with { Process = spec.Process with { Args = ["echo", "found"] } }, out _);
        Assert.Equal(["found"], result.Lines);
    }

    [Fact]
    public void The_container_holds_only_fds_0_to_2_even_when_its_caller_leaked_one()
    {
        _bundle.Write(BusyboxBundle.DefaultSpec("ls /proc/self/fd"));
        // fd 7 is open (not close-on-exec) in the shim's caller: the supervisor must not pass it on.
        var result = Shim.Execute("/bin/sh", ["-c", $"exec 7</etc/hostname; exec \"$0\" --root {_shim.Root} run --bundle {_bundle.Path} {_shim.NewId()}", ShimBinary.Path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        // 3 is the directory ls itself opened to list /proc/self/fd.
        Assert.Equal(["0", "1", "2", "3"], result.Lines);
    }

    [Fact]
    public void Capabilities_are_dockers_defaults_with_empty_inheritable_and_ambient_sets_and_no_new_privs()
    {
        var status = RunScript("grep -E '^(Cap|NoNewPrivs)' /proc/self/status").Lines
            .Select(line => line.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        Assert.Equal("0000000000000000", status["CapInh"]);
        Assert.Equal("0000000000000000", status["CapAmb"]);
        Assert.Equal("00000000a80425fb", status["CapBnd"]);
        Assert.Equal("00000000a80425fb", status["CapEff"]);
        Assert.Equal("00000000a80425fb", status["CapPrm"]);
        Assert.Equal("1", status["NoNewPrivs"]);
    }

    [Fact]
    public void An_ambient_capability_is_raised_only_when_it_is_also_inheritable_as_runc_spec_configs_expect()
    {
        // runc spec lists CAP_AUDIT_WRITE, CAP_KILL and CAP_NET_BIND_SERVICE as ambient with no inheritable set.
        string AmbientWith(List<string> inheritable) => RunScript("grep ^CapAmb /proc/self/status", spec => spec with
        {
            Process = spec.Process with
            {
                Capabilities = spec.Process.Capabilities! with { Inheritable = inheritable, Ambient = ["CAP_KILL", "CAP_AUDIT_WRITE"] },
            },
        }).Lines.Single().Split(':')[1].Trim();

        Assert.Equal("0000000000000000", AmbientWith([]));
        Assert.Equal("0000000000000020", AmbientWith(["CAP_KILL"])); // CAP_KILL is bit 5
    }

    [Fact]
    public void Masked_paths_read_empty_and_read_only_paths_refuse_writes()
    {
        // /proc/kcore is absent on some kernels (this host's): masked or absent, it reads nothing.
        var result = RunScript("wc -c < /proc/keys; (wc -c < /proc/kcore) 2>/dev/null || echo 0; ls /sys/firmware | wc -l; " +
            "echo 1 > /proc/sys/vm/drop_caches && echo written || echo refused");
        Assert.Equal(["0", "0", "0", "refused"], result.Lines);
    }

    [Fact]
    public void Dev_holds_the_default_devices_and_links()
    {
        var result = RunScript("echo x > /dev/null && head -c 3 /dev/zero | wc -c; ls -l /dev | awk '{print $1, $NF}' | grep -E '^[cl]' | sort -k2");
        Assert.Equal("3", result.Lines[0]);
        var entries = result.Lines.Skip(1).ToList();
        foreach (string device in new[] { "full", "null", "random", "tty", "urandom", "zero" }) Assert.Contains($"crw-rw-rw- {device}", entries);
        foreach (string link in new[] { "/proc/self/fd", "/proc/self/fd/0", "/proc/self/fd/1", "/proc/self/fd/2", "pts/ptmx" }) Assert.Contains(entries, e => e.StartsWith('l') && e.EndsWith(" " + link));
    }

    [Fact]
    public void A_read_only_root_refuses_writes_but_tmpfs_volumes_take_them()
    {
        var result = RunScript("touch /x 2>/dev/null && echo root-written || echo root-refused; touch /scratch/x && echo tmpfs-written", spec => spec with
        {
            Root = spec.Root with { Readonly = true },
            Mounts = [.. spec.Mounts, new MountSpec { Destination = "/scratch", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "nodev", "size=1m"] }],
        });
        Assert.Equal(["root-refused", "tmpfs-written"], result.Lines);
    }

    [Fact]
    public void A_tmpcopyup_tmpfs_starts_with_the_directories_symlinks_and_empty_files_the_rootfs_had_there()
    {
        string run = Path.Combine(_bundle.Rootfs, "run");
        Directory.CreateDirectory(Path.Combine(run, "lock"));
        File.SetUnixFileMode(Path.Combine(run, "lock"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.WriteAllText(Path.Combine(run, ".containerenv"), "");
        File.CreateSymbolicLink(Path.Combine(run, "link"), "lock");
        var result = RunScript("stat -c '%n %a %F' /run/lock /run/.containerenv; readlink /run/link; touch /run/new && echo written", spec => spec with
        {
            Root = spec.Root with { Readonly = true },
            Mounts = [.. spec.Mounts, new MountSpec { Destination = "/run", Type = "tmpfs", Source = "tmpfs", Options = ["rw", "nosuid", "nodev", "tmpcopyup"] }],
        });
        Assert.Equal(["/run/lock 750 directory", "/run/.containerenv 644 regular empty file", "lock", "written"], result.Lines);
    }

    [Fact]
    public void A_tmpcopyup_of_a_file_with_content_is_refused_with_a_clear_error()
    {
        Directory.CreateDirectory(Path.Combine(_bundle.Rootfs, "run"));
        File.WriteAllText(Path.Combine(_bundle.Rootfs, "run", "data"), "content");
        var spec = BusyboxBundle.DefaultSpec("true");
        var result = _shim.RunSpec(_bundle, spec with { Mounts = [.. spec.Mounts, new MountSpec { Destination = "/run", Type = "tmpfs", Source = "tmpfs", Options = ["tmpcopyup"] }] }, out _);
        Assert.Equal(SupervisorExitCodes.Failure, result.ExitCode);
        Assert.Contains("tmpcopyup of /run/data is not supported", result.Stderr);
    }

    [Fact]
    public void A_read_only_volume_is_not_writable_and_a_read_write_one_writes_through_to_the_host()
    {
        string readOnly = Directory.CreateTempSubdirectory("cps-ro-").FullName;
        string readWrite = Directory.CreateTempSubdirectory("cps-rw-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(readOnly, "hello"), "from the host\n");
            var result = RunScript("cat /in/hello; touch /in/x 2>/dev/null && echo ro-written || echo ro-refused; echo out > /out/file", spec => spec with
            {
                Mounts =
                [
                    .. spec.Mounts,
                    new MountSpec { Destination = "/in", Type = "bind", Source = readOnly, Options = ["rbind", "ro"] },
                    new MountSpec { Destination = "/out", Type = "bind", Source = readWrite, Options = ["rbind", "rw"] },
                ],
            });
            Assert.Equal(["from the host", "ro-refused"], result.Lines);
            Assert.Equal("out\n", File.ReadAllText(Path.Combine(readWrite, "file")));
        }
        finally
        {
            Directory.Delete(readOnly, true);
            Directory.Delete(readWrite, true);
        }
    }

    [Fact]
    public void Rlimits_above_the_hosts_hard_limit_are_clamped_not_fatal()
    {
        var result = RunScript("ulimit -n; ulimit -H -n");
        ulong hostHard = ulong.Parse(Shim.Execute("/bin/sh", ["-c", "ulimit -H -n"]).Stdout.Trim());
        string expected = Math.Min(1048576UL, hostHard).ToString();
        Assert.Equal([expected, expected], result.Lines);
    }

    [Fact]
    public void The_cgroup_namespace_shows_the_containers_cgroup_as_root()
    {
        var lines = RunScript("cat /proc/self/cgroup").Lines;
        Assert.Contains(lines, line => line.EndsWith(":/") && (line.Contains(":memory:") || line.StartsWith("0::")));
        Assert.DoesNotContain(lines, line => line.Contains("containerps"));
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
