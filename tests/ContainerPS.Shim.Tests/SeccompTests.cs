using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Seccomp;

namespace ContainerPS.Shim.Tests;

/// <summary>config-linux.md "Seccomp", compiled by libseccomp in the supervisor and installed by the child (issue 10).</summary>
public sealed class SeccompTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("cps-seccomp-").FullName;

    private static SeccompSyscallSpec Deny(string name, uint? errno = null, params SeccompArgSpec[] args) =>
        new() { Names = [name], Action = "SCMP_ACT_ERRNO", ErrnoRet = errno, Args = args.Length == 0 ? null : [.. args] };

    private static SeccompArgSpec Arg(uint index, ulong value, string op = "SCMP_CMP_EQ") => new() { Index = index, Value = value, Op = op };

    /// <summary>Everything allowed but what the rules deny, on the host's architectures.</summary>
    private static SeccompSpec AllowExcept(params SeccompSyscallSpec[] rules) => new()
    {
        DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], Syscalls = [.. rules],
    };

    private ShimResult Run(string script, SeccompSpec? seccomp, Func<RuntimeSpec, RuntimeSpec>? change = null)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        spec = spec with { Linux = spec.Linux with { Seccomp = seccomp } };
        return _shim.RunSpec(_bundle, change is null ? spec : change(spec), out _);
    }

    private static string SeccompMode(string status) => status.Split('\n').Single(l => l.StartsWith("Seccomp:", StringComparison.Ordinal));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_profile_that_denies_close_range_still_starts_the_container_with_only_stdio_open(bool noNewPrivileges)
    {
        // Profiles older than close_range(2) (runtime-tools' generator, docker's before 20.10) deny it with EPERM.
        var rule = new SeccompSyscallSpec { Names = ["close_range"], Action = "SCMP_ACT_ERRNO" };

        var result = Run("ls /proc/self/fd", AllowExcept(rule), spec => spec with { Process = spec.Process with { NoNewPrivileges = noNewPrivileges } });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["0", "1", "2", "3"], result.Lines); // 3: ls's own directory fd
    }

    [Fact]
    public void Without_a_seccomp_object_the_container_is_unconfined()
    {
        var result = Run("grep '^Seccomp:' /proc/self/status", null);
        Assert.Equal("Seccomp:\t0", result.Stdout.TrimEnd());
    }

    [Fact]
    public void A_profile_denying_mkdir_is_installed_in_filter_mode_and_denies_it()
    {
        var result = Run("grep '^Seccomp:' /proc/self/status; mkdir /tmp/x 2>&1; echo rc=$?; touch /tmp/y && echo touched",
            AllowExcept(Deny("mkdir"), Deny("mkdirat")));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Seccomp:\t2", result.Lines[0]);
        Assert.Contains("Operation not permitted", result.Lines[1]);
        Assert.Equal(["rc=1", "touched"], result.Lines[2..]);
    }

    [Fact]
    public void ErrnoRet_sets_the_errno_a_denied_call_returns()
    {
        var result = Run("mkdir /tmp/x 2>&1", AllowExcept(Deny("mkdir", 13), Deny("mkdirat", 13)));
        Assert.Contains("Permission denied", result.Stdout);
    }

    [Fact]
    public void Argument_conditions_deny_only_the_calls_they_match_and_a_repeated_index_is_an_alternative()
    {
        // kill(2) with signal 17 (SIGCHLD) or 28 (SIGWINCH), both ignored by default, so nothing dies if they pass.
        var profile = AllowExcept(Deny("kill", null, Arg(1, 17), Arg(1, 28)));
        var result = Run("kill -0 $$ && echo zero; kill -CHLD $$ 2>/dev/null || echo chld-denied; kill -WINCH $$ 2>/dev/null || echo winch-denied; kill -URG $$ && echo urg", profile);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["zero", "chld-denied", "winch-denied", "urg"], result.Lines);
    }

    [Fact]
    public void A_masked_comparison_uses_value_as_the_mask_and_valueTwo_as_the_datum()
    {
        // Deny kill when (signal & 0x10) == 0x10: SIGCHLD (17) is denied, SIGURG (23 = 0x17) too, SIGWINCH (28 = 0x1c) too; 0 passes.
        var profile = AllowExcept(Deny("kill", null, new SeccompArgSpec { Index = 1, Value = 0x18, ValueTwo = 0x10, Op = "SCMP_CMP_MASKED_EQ" }));
        var result = Run("kill -0 $$ && echo zero; kill -CHLD $$ 2>/dev/null || echo chld-denied; kill -WINCH $$ && echo winch", profile);
        Assert.Equal(["zero", "chld-denied", "winch"], result.Lines);
    }

    [Fact]
    public void A_syscall_the_host_does_not_know_is_skipped_and_the_profile_loads()
    {
        var result = Run("mkdir /tmp/x 2>&1", AllowExcept(Deny("no_such_syscall_2099"), Deny("mkdir"), Deny("mkdirat")));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Operation not permitted", result.Stdout);
    }

    [Theory]
    [InlineData("SCMP_ACT_SOMETIMES", null, "unknown seccomp action 'SCMP_ACT_SOMETIMES'")]
    [InlineData("SCMP_ACT_NOTIFY", null, "SCMP_ACT_NOTIFY is not supported")]
    [InlineData("SCMP_ACT_ERRNO", "SCMP_CMP_ABOUT", "unknown operator 'SCMP_CMP_ABOUT'")]
    public void An_invalid_profile_fails_the_create_with_one_clear_line_and_leaves_nothing(string action, string? op, string message)
    {
        var rule = new SeccompSyscallSpec { Names = ["mkdir"], Action = action, Args = op is null ? null : [new SeccompArgSpec { Index = 0, Op = op }] };
        var result = Run("true", AllowExcept(rule));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"seccomp: {message}", result.Stderr);
        Assert.Empty(Directory.GetDirectories(_shim.Root));
    }

    [Fact]
    public void A_listener_path_is_refused()
    {
        var result = Run("true", AllowExcept() with { ListenerPath = "/run/notify.sock" });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("listenerPath", result.Stderr);
    }

    [Fact]
    public void Without_no_new_privs_the_filter_is_installed_while_the_privilege_is_still_there()
    {
        var result = Run("grep '^NoNewPrivs:' /proc/self/status; grep '^Seccomp:' /proc/self/status; grep '^CapEff:' /proc/self/status; mkdir /tmp/x 2>&1",
            AllowExcept(Deny("mkdir"), Deny("mkdirat")),
            spec => spec with { Process = spec.Process with { NoNewPrivileges = false } });
        Assert.Equal("NoNewPrivs:\t0", result.Lines[0]);
        Assert.Equal("Seccomp:\t2", result.Lines[1]);
        Assert.Equal("CapEff:\t00000000a80425fb", result.Lines[2]); // docker's default set: CAP_SYS_ADMIN dropped after the filter
        Assert.Contains("Operation not permitted", result.Lines[3]);
    }

    [Fact]
    public void The_reaping_init_is_confined_too()
    {
        var result = Run("grep '^Seccomp:' /proc/1/status /proc/self/status", AllowExcept(Deny("mkdir")),
            spec => spec with { Annotations = new Dictionary<string, string> { [Annotations.Init] = "true" } });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["/proc/1/status:Seccomp:\t2", "/proc/self/status:Seccomp:\t2"], result.Lines);
    }

    [Fact]
    public void An_exec_gets_the_inits_filter()
    {
        var spec = BusyboxBundle.DefaultSpec("sleep 100000");
        _bundle.Write(spec with { Linux = spec.Linux with { Seccomp = AllowExcept(Deny("mkdir"), Deny("mkdirat")) } });
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id).ExitCode);
        string process = Path.Combine(_work, "process.json");
        File.WriteAllText(process, JsonSerializer.Serialize(BusyboxBundle.DefaultSpec("grep '^Seccomp:' /proc/self/status; mkdir /tmp/x 2>&1").Process, RuntimeJsonContext.Default.ProcessSpec));

        var result = _shim.Invoke("exec", "--process", process, id);

        Assert.Equal("Seccomp:\t2", result.Lines[0]);
        Assert.Contains("Operation not permitted", result.Lines[1]);
        Assert.Equal(0, _shim.Invoke("delete", "--force", id).ExitCode);
    }

    [Fact]
    public void Conditions_on_distinct_indexes_are_one_rule_and_a_repeated_index_splits_into_one_rule_each()
    {
        Assert.Single(SeccompConditions.Group([Arg(0, 1), Arg(1, 2)]));
        Assert.Equal(2, SeccompConditions.Group([Arg(1, 17), Arg(1, 28)]).Count);
        Assert.Single(SeccompConditions.Group([]));
    }

    [Fact]
    public void An_unknown_operator_is_refused_even_in_a_rule_for_syscalls_no_architecture_has()
    {
        var rule = new SeccompSyscallSpec { Names = ["no_such_syscall"], Action = "SCMP_ACT_ERRNO", Args = [new SeccompArgSpec { Index = 0, Op = "SCMP_CMP_ABOUT" }] };
        var error = Assert.Throws<ShimException>(() => SeccompCompiler.Compile(AllowExcept(rule)));
        Assert.Contains("unknown operator 'SCMP_CMP_ABOUT'", error.Message);
    }

    [Fact]
    public void The_filter_survives_the_round_trip_through_the_state_directory()
    {
        var filter = SeccompCompiler.Compile(AllowExcept(Deny("mkdir")) with { Flags = ["SECCOMP_FILTER_FLAG_LOG"] });
        var back = SeccompFilter.FromBytes(filter.ToBytes())!;
        Assert.Equal(2u, back.Flags);
        Assert.Equal(filter.Program, back.Program);
        Assert.Null(SeccompFilter.FromBytes([1, 2, 3]));
    }

    [Fact]
    public void A_compiled_profile_is_kept_in_a_root_only_cache_and_read_back_from_it()
    {
        var profile = AllowExcept(Deny("mkdir", (uint)Random.Shared.Next(1, 4000))); // a profile no other test uses
        var first = SeccompFilterCache.Compile(profile);
        var entries = Directory.GetFiles("/run/containerps/seccomp", "*.bpf");
        var second = SeccompFilterCache.Compile(profile);

        Assert.Equal(first.Filter.Program, second.Filter.Program);
        Assert.Equal(first.CacheEntry, second.CacheEntry);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode("/run/containerps/seccomp"));
        Assert.Equal(entries.Length, Directory.GetFiles("/run/containerps/seccomp", "*.bpf").Length);
        Assert.NotEqual(first.Filter.Program, SeccompFilterCache.Compile(AllowExcept(Deny("rmdir"))).Filter.Program);
    }

    [Fact]
    public void A_container_whose_state_is_beside_the_cache_links_its_filter_to_the_entry_and_one_elsewhere_has_a_copy()
    {
        using var besideCache = new Shim("/run/containerps");
        using var elsewhere = new Shim("/dev/shm"); // a file system of its own (tmpfs), where link(2) fails with EXDEV
        var spec = BusyboxBundle.DefaultSpec("sleep 100000");
        _bundle.Write(spec with { Linux = spec.Linux with { Seccomp = AllowExcept(Deny("mkdir")) } });
        string linked = besideCache.NewId(), copied = elsewhere.NewId();
        Assert.Equal(0, besideCache.Invoke("create", "--bundle", _bundle.Path, linked).ExitCode);
        Assert.Equal(0, elsewhere.Invoke("create", "--bundle", _bundle.Path, copied).ExitCode);

        string entry = SeccompFilterCache.Compile(AllowExcept(Deny("mkdir"))).CacheEntry!;
        Assert.Equal(Inode(entry), Inode(Path.Combine(besideCache.Root, linked, "seccomp.bpf")));
        string copy = Path.Combine(elsewhere.Root, copied, "seccomp.bpf");
        Assert.NotEqual(Inode(entry), Inode(copy));
        Assert.Equal(SeccompFilterFile.Read(entry)!.Filter.Program, SeccompFilterFile.Read(copy)!.Filter.Program);
    }

    [Fact]
    public void An_entry_compiled_by_another_libseccomp_is_compiled_again()
    {
        var profile = AllowExcept(Deny("mkdir", (uint)Random.Shared.Next(1, 4000)));
        string entry = SeccompFilterCache.Compile(profile).CacheEntry!;
        var written = SeccompFilterFile.Read(entry)!;
        Assert.StartsWith("/", written.Library);
        SeccompFilterFile.Write(entry, written with { Library = "/usr/lib/libseccomp.so.2.0.0\n1\n1", Filter = new SeccompFilter(new byte[16], 0) });

        Assert.Equal(written.Filter.Program, SeccompFilterCache.Compile(profile).Filter.Program);
        Assert.Equal(written.Library, SeccompFilterFile.Read(entry)!.Library);
    }

    [Fact]
    public void A_cut_short_or_foreign_file_is_no_filter()
    {
        string file = Path.Combine(_work, "entry.bpf");
        var whole = new SeccompFilterFile([1, 2, 3], "lib", new SeccompFilter(new byte[24], 2));
        SeccompFilterFile.Write(file, whole);
        var back = SeccompFilterFile.Read(file)!;
        Assert.Equal(whole.Key, back.Key);
        Assert.Equal(whole.Library, back.Library);
        Assert.Equal(whole.Filter.Program, back.Filter.Program);
        Assert.Equal(whole.Filter.Flags, back.Filter.Flags);

        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^9]);
        Assert.Null(SeccompFilterFile.Read(file));
        File.WriteAllBytes(file, [0xff, 0xff, 0xff, 0x7f, 1]);
        Assert.Null(SeccompFilterFile.Read(file));
        Assert.Null(SeccompFilterFile.Read(Path.Combine(_work, "missing.bpf")));
    }

    private static string Inode(string path) => Shim.Execute("stat", ["-c", "%i", path]).Stdout.Trim();

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
