using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class BundleBuilderTests : IDisposable
{
    private readonly ImageLayers _image = new();

    public BundleBuilderTests() => _image.AddBaseLayer();

    public void Dispose() => _image.Dispose();

    [Fact]
    public void The_defaults_are_docker_s_namespaces_capabilities_no_new_privs_and_runc_s_masked_paths()
    {
        var spec = BundleBuilder.Build(_image.Input());

        Assert.Equal(["pid", "mount", "uts", "ipc", "network", "cgroup"], spec.Linux.Namespaces.Select(n => n.Type));
        Assert.Equal(Capabilities.Default, spec.Process.Capabilities!.Bounding);
        Assert.Equal(Capabilities.Default, spec.Process.Capabilities.Effective);
        Assert.Equal(Capabilities.Default, spec.Process.Capabilities.Permitted);
        Assert.Empty(spec.Process.Capabilities.Inheritable!);
        Assert.Empty(spec.Process.Capabilities.Ambient!);
        Assert.True(spec.Process.NoNewPrivileges);
        Assert.Contains("/proc/kcore", spec.Linux.MaskedPaths!);
        Assert.Contains("/proc/sys", spec.Linux.ReadonlyPaths!);
        Assert.Equal($"/containerps/{ImageLayers.Id}", spec.Linux.CgroupsPath);
        Assert.Equal(ImageLayers.Id[..12], spec.Hostname);
        Assert.Equal("rootfs", spec.Root.Path);
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf"],
            spec.Mounts.Select(m => m.Destination));
        Assert.Equal(new RlimitSpecView("RLIMIT_NOFILE", 1048576, 1048576), RlimitSpecView.Of(spec.Process.Rlimits!.Single()));
    }

    [Fact]
    public void A_bridge_network_joins_the_engine_s_namespace_by_path_and_none_makes_a_new_one()
    {
        var bridged = BundleBuilder.Build(_image.Input() with { NetworkNamespacePath = "/run/containerps/x/netns/y" });
        var none = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Network = "None" }) with { NetworkNamespacePath = "/run/containerps/x/netns/y" });

        Assert.Equal("/run/containerps/x/netns/y", bridged.Linux.Namespaces.Single(n => n.Type == "network").Path);
        Assert.Null(none.Linux.Namespaces.Single(n => n.Type == "network").Path);
    }

    [Fact]
    public void The_etc_files_are_bind_mounts_of_the_container_directory_that_volumes_can_override()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Volumes = [$"{Path.GetTempPath()}:/etc/hosts"] }));

        var hosts = spec.Mounts.Where(m => m.Destination == "/etc/hosts").ToList();
        Assert.Equal(2, hosts.Count);
        Assert.Equal(Path.Combine(_image.Input().Paths.Directory, "hosts"), hosts[0].Source);
        Assert.Equal("bind", hosts[0].Type);
    }

    [Fact]
    public void Host_networking_leaves_out_the_network_namespace()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Network = "host" }));

        Assert.DoesNotContain("network", spec.Linux.Namespaces.Select(n => n.Type));
    }

    [Fact]
    public void The_overlay_annotation_lists_the_lower_layers_top_first_then_upper_and_work_and_the_log_goes_to_ctr_log()
    {
        var top = _image.AddLayer();

        var spec = BundleBuilder.Build(_image.Input());

        var lowers = string.Join(':', _image.TopFirst);
        Assert.StartsWith(top, lowers);
        Assert.Equal($"lowerdir={lowers},upperdir={_image.Paths.Upper},workdir={_image.Paths.Work}", spec.Annotations![ContainerPS.Runtime.Spec.Annotations.RootfsOverlay]);
        Assert.Equal(_image.Paths.LogFile, spec.Annotations[ContainerPS.Runtime.Spec.Annotations.LogPath]);
        Assert.False(spec.Annotations.ContainsKey(ContainerPS.Runtime.Spec.Annotations.Init));
    }

    [Fact]
    public void The_environment_is_path_and_hostname_then_the_image_s_then_the_files_then_the_table_with_home_from_passwd()
    {
        var file = Path.Combine(_image.Root, "vars.env");
        File.WriteAllText(file, "# comment\n\nFROM_FILE=1\nSHARED=file\n");
        var options = new CreateOptions
        {
            Image = "i",
            User = "app",
            EnvironmentFiles = [file],
            Environment = new Dictionary<string, string> { ["SHARED"] = "table", ["IMAGE"] = "overridden" },
        };
        var config = new ContainerConfig { Env = ["PATH=/opt/bin:/bin", "IMAGE=image"], Cmd = ["sh"] };

        var spec = BundleBuilder.Build(_image.Input(options, config));

        Assert.Equal(["PATH=/opt/bin:/bin", $"HOSTNAME={ImageLayers.Id[..12]}", "IMAGE=overridden", "FROM_FILE=1", "SHARED=table", "HOME=/home/app"], spec.Process.Env);
    }

    [Theory]
    [InlineData("KEY WITH SPACE")]
    [InlineData("A=B")]
    [InlineData("")]
    public void An_environment_name_that_cannot_be_one_is_refused(string name)
    {
        var options = new CreateOptions { Image = "i", Environment = new Dictionary<string, string> { [name] = "x" } };

        Assert.Equal("InvalidEnvironment", Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(options))).ErrorId);
    }

    [Theory]
    [InlineData(null, null, "/bin/sh,-c,image-cmd")]
    [InlineData("override", null, "/bin/sh,-c,override")]
    [InlineData(null, "/bin/busybox", "/bin/busybox")]
    [InlineData("x", "/bin/busybox", "/bin/busybox,x")]
    public void Entrypoint_and_command_follow_docker_s_rules(string? command, string? entrypoint, string expected)
    {
        var config = new ContainerConfig { Entrypoint = ["sh", "-c"], Cmd = ["image-cmd"] };
        var options = new CreateOptions { Image = "i", Command = command is null ? null : [command], Entrypoint = entrypoint is null ? null : [entrypoint] };

        var spec = BundleBuilder.Build(_image.Input(options, config));

        Assert.Equal(expected.Split(','), spec.Process.Args);
    }

    [Fact]
    public void No_command_at_all_is_an_error()
    {
        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(config: new ContainerConfig())));

        Assert.Equal("NoCommand", error.ErrorId);
    }

    [Theory]
    [InlineData(null, 0u, 0u, "0,10", "/root")]
    [InlineData("app", 1000u, 1000u, "1000,10", "/home/app")]
    [InlineData("1000", 1000u, 1000u, "1000,10", "/home/app")]
    [InlineData("app:staff", 1000u, 50u, "50,10", "/home/app")]
    [InlineData("app:77", 1000u, 77u, "77,10", "/home/app")]
    [InlineData("1234:99", 1234u, 99u, "99", "/")]
    [InlineData("4294967294", 4294967294u, 0u, "0", "/")]
    [InlineData("nobody", 65534u, 65534u, "65534", "/nonexistent")]
    public void A_user_is_resolved_with_the_image_s_passwd_and_group(string? user, uint uid, uint gid, string additional, string home)
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = user }));

        Assert.Equal(uid, spec.Process.User.Uid);
        Assert.Equal(gid, spec.Process.User.Gid);
        Assert.Equal(additional, string.Join(',', spec.Process.User.AdditionalGids ?? []));
        Assert.Contains($"HOME={home}", spec.Process.Env);
    }

    [Theory]
    [InlineData("ghost", "UserNotFound")]
    [InlineData("app:ghosts", "GroupNotFound")]
    [InlineData("4294967296", "InvalidUser")]
    [InlineData("4294967295", "InvalidUser")]
    [InlineData("4294967296:0", "InvalidUser")]
    [InlineData("0:4294967296", "InvalidUser")]
    [InlineData(":0", "InvalidUser")]
    [InlineData("app:", "InvalidUser")]
    public void A_user_that_cannot_be_resolved_is_an_error_never_root(string user, string errorId)
    {
        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = user })));

        Assert.Equal(errorId, error.ErrorId);
    }

    [Fact]
    public void The_image_s_user_is_used_when_none_is_given()
    {
        var spec = BundleBuilder.Build(_image.Input(config: new ContainerConfig { User = "app", Cmd = ["sh"] }));

        Assert.Equal(1000u, spec.Process.User.Uid);
    }

    [Fact]
    public void A_higher_layer_s_passwd_replaces_the_lower_one_and_a_whiteout_removes_it()
    {
        var replacing = _image.AddLayer();
        ImageLayers.WriteFile(replacing, "etc/passwd", "svc:x:2000:2000::/srv:/bin/sh\n");
        Assert.Equal(2000u, BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = "svc" })).Process.User.Uid);
        Assert.Equal("UserNotFound", Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = "app" }))).ErrorId);

        var removing = _image.AddLayer();
        ImageLayers.Whiteout(removing, "etc/passwd");
        Assert.Equal("UserNotFound", Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = "svc" }))).ErrorId);
    }

    [Fact]
    public void A_passwd_that_is_a_symlink_is_not_followed()
    {
        var top = _image.AddLayer();
        var outside = Path.Combine(_image.Root, "host-passwd");
        File.WriteAllText(outside, "evil:x:0:0::/:/bin/sh\n");
        ImageLayers.Symlink(top, "etc/passwd", outside);

        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = "evil" })));

        Assert.Equal("UserNotFound", error.ErrorId);
    }

    [Fact]
    public void A_passwd_larger_than_10_MiB_is_not_read()
    {
        var top = _image.AddLayer();
        ImageLayers.WriteFile(top, "etc/passwd", "big:x:3000:3000::/:/bin/sh\n" + new string('#', UserResolver.MaxAccountFileBytes));

        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", User = "big" })));

        Assert.Equal("UserNotFound", error.ErrorId);
    }

    [Fact]
    public void Dropping_all_capabilities_and_adding_one_leaves_that_one()
    {
        var options = new CreateOptions { Image = "i", CapDrop = ["ALL"], CapAdd = ["net_admin"] };

        var spec = BundleBuilder.Build(_image.Input(options));

        Assert.Equal(["CAP_NET_ADMIN"], spec.Process.Capabilities!.Bounding);
        Assert.Empty(spec.Process.Capabilities.Inheritable!);
    }

    [Fact]
    public void Dropping_one_capability_removes_it_from_the_default_set()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", CapDrop = ["CAP_CHOWN", "NET_RAW"] }));

        Assert.Equal(Capabilities.Default.Count - 2, spec.Process.Capabilities!.Effective!.Count);
        Assert.DoesNotContain("CAP_CHOWN", spec.Process.Capabilities.Effective);
        Assert.DoesNotContain("CAP_NET_RAW", spec.Process.Capabilities.Effective);
    }

    [Fact]
    public void An_unknown_capability_is_refused()
    {
        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", CapAdd = ["CAP_TELEPORT"] })));

        Assert.Equal("InvalidCapability", error.ErrorId);
    }

    [Theory]
    [InlineData(0.5, 50_000L)]
    [InlineData(1.0, 100_000L)]
    [InlineData(2.25, 225_000L)]
    public void Cpus_become_a_quota_of_that_many_100_ms_periods(double cpus, long quota)
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Limits = new ContainerLimits { Cpus = cpus } }));

        Assert.Equal(quota, spec.Linux.Resources!.Cpu!.Quota);
        Assert.Equal(100_000UL, spec.Linux.Resources.Cpu.Period);
    }

    private const long MiB = 1 << 20;

    [Theory]
    [InlineData(null, 40 * MiB)]
    [InlineData(-1L, -1L)]
    [InlineData(30 * MiB, 30 * MiB)]
    public void Memory_swap_follows_docker_unset_is_twice_the_memory(long? swap, long expected)
    {
        var limits = new ContainerLimits { Memory = 20 * MiB, MemorySwap = swap, PidsLimit = 7, CpuShares = 512 };

        var resources = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Limits = limits })).Linux.Resources!;

        Assert.Equal(20 * MiB, resources.Memory!.Limit);
        Assert.Equal(expected, resources.Memory.Swap);
        Assert.Equal(7, resources.Pids!.Limit);
        Assert.Equal(512UL, resources.Cpu!.Shares);
    }

    [Theory]
    [InlineData(1L, null)]
    [InlineData(6 * MiB - 1, null)]
    [InlineData(20 * MiB, 10 * MiB)]
    public void Memory_below_docker_s_floor_and_swap_below_memory_are_MemoryLimitTooLow(long memory, long? swap)
    {
        var limits = new ContainerLimits { Memory = memory, MemorySwap = swap };

        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Limits = limits })));

        Assert.Equal("MemoryLimitTooLow", error.ErrorId);
    }

    [Fact]
    public void Memory_at_docker_s_floor_is_taken()
    {
        var limits = new ContainerLimits { Memory = 6 * MiB };

        Assert.Equal(6 * MiB, BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Limits = limits })).Linux.Resources!.Memory!.Limit);
    }

    [Fact]
    public void Without_limits_the_resources_hold_only_docker_s_device_allow_list()
    {
        var resources = BundleBuilder.Build(_image.Input()).Linux.Resources!;

        Assert.Null(resources.Memory);
        Assert.Null(resources.Cpu);
        Assert.Null(resources.Pids);
        string[] expected =
        [
            "deny a *:* rwm", "allow c *:* m", "allow b *:* m", "allow c 1:3 rwm", "allow c 1:5 rwm", "allow c 1:7 rwm",
            "allow c 1:8 rwm", "allow c 1:9 rwm", "allow c 5:0 rwm", "allow c 5:1 rwm", "allow c 5:2 rwm",
            "allow c 136:* rwm", "allow c 10:200 rwm",
        ];
        Assert.Equal(expected, resources.Devices!.Select(Describe));
    }

    [Fact]
    public void The_device_allow_list_is_written_to_config_json_with_the_spec_s_field_names()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Limits = new ContainerLimits { PidsLimit = 5 } }));

        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(spec, ContainerPS.Runtime.RuntimeJsonContext.Default.RuntimeSpec));

        var devices = json.RootElement.GetProperty("linux").GetProperty("resources").GetProperty("devices");
        Assert.Equal(13, devices.GetArrayLength());
        Assert.Equal("""{"allow":false,"type":"a","access":"rwm"}""", devices[0].GetRawText().Replace(" ", "").ReplaceLineEndings(""));
        Assert.Equal("""{"allow":true,"type":"c","major":136,"access":"rwm"}""", devices[11].GetRawText().Replace(" ", "").ReplaceLineEndings(""));
    }

    private static string Describe(DeviceRuleSpec rule) =>
        $"{(rule.Allow ? "allow" : "deny")} {rule.Type} {rule.Major?.ToString() ?? "*"}:{rule.Minor?.ToString() ?? "*"} {rule.Access}";

    [Fact]
    public void Volumes_are_recursive_binds_read_only_when_asked_and_tmpfs_mounts_get_docker_s_safe_options()
    {
        var source = Directory.CreateDirectory(Path.Combine(_image.Root, "data")).FullName;
        var options = new CreateOptions { Image = "i", Volumes = [$"{source}:/data:ro", $"{source}:/rw"], Tmpfs = ["/run:size=64m"], ReadOnly = true };

        var spec = BundleBuilder.Build(_image.Input(options));

        var ro = spec.Mounts.Single(m => m.Destination == "/data");
        Assert.Equal(("bind", source), (ro.Type, ro.Source));
        Assert.Equal(["rbind", "ro"], ro.Options);
        Assert.Equal(["rbind"], spec.Mounts.Single(m => m.Destination == "/rw").Options);
        Assert.Equal(["nosuid", "nodev", "noexec", "size=64m"], spec.Mounts.Single(m => m.Destination == "/run").Options);
        Assert.True(spec.Root.Readonly);
    }

    [Theory]
    [InlineData("/no/such/host/dir:/data", "VolumeSourceNotFound")]
    [InlineData("/tmp:data", "InvalidVolume")]
    [InlineData("/tmp:/data/../etc", "InvalidVolume")]
    [InlineData("/tmp:/data:rx", "InvalidVolume")]
    [InlineData("/tmp", "InvalidVolume")]
    public void A_volume_that_cannot_be_mounted_is_refused(string volume, string errorId)
    {
        var error = Assert.Throws<ContainerPSException>(() => BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Volumes = [volume] })));

        Assert.Equal(errorId, error.ErrorId);
    }

    [Fact]
    public void A_relative_working_directory_is_refused_and_an_absolute_one_is_used()
    {
        Assert.Equal("InvalidWorkingDirectory", Assert.Throws<ContainerPSException>(() =>
            BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", WorkingDirectory = "app" }))).ErrorId);
        Assert.Equal("/srv", BundleBuilder.Build(_image.Input(config: new ContainerConfig { WorkingDir = "/srv", Cmd = ["sh"] })).Process.Cwd);
    }

    [Fact]
    public void The_stop_signal_is_the_option_then_the_image_s_then_sigterm()
    {
        Assert.Equal("SIGTERM", BundleBuilder.StopSignal(_image.Input()));
        Assert.Equal("SIGQUIT", BundleBuilder.StopSignal(_image.Input(config: new ContainerConfig { StopSignal = "SIGQUIT" })));
        Assert.Equal("SIGINT", BundleBuilder.StopSignal(_image.Input(new CreateOptions { Image = "i", StopSignal = "2" }, new ContainerConfig { StopSignal = "SIGQUIT" })));
    }

    [Fact]
    public void Init_is_an_annotation_for_the_supervisor()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Init = true }));

        Assert.Equal("true", spec.Annotations![ContainerPS.Runtime.Spec.Annotations.Init]);
    }

    /// <summary>RlimitSpec is a record with init-only setters; a tuple view keeps the assertion on one line.</summary>
    private sealed record RlimitSpecView(string Type, ulong Hard, ulong Soft)
    {
        public static RlimitSpecView Of(ContainerPS.Runtime.Spec.RlimitSpec spec) => new(spec.Type, spec.Hard, spec.Soft);
    }
}
