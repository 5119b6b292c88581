using System.Text;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Logging;

namespace ContainerPS.Shim.Tests;

/// <summary>The pure parts of the supervisor, without a container.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData(new[] { "nosuid", "noexec", "nodev", "ro" }, 1 | 2 | 4 | 8, null, false)]
    [InlineData(new[] { "rbind", "ro", "rprivate" }, 1, null, true)]
    [InlineData(new[] { "nosuid", "mode=755", "size=65536k" }, 2, "mode=755,size=65536k", false)]
    [InlineData(new[] { "ro", "rw", "exec", "noexec" }, 8, null, false)]
    public void Mount_options_split_into_flags_data_and_bind(string[] options, long flags, string? data, bool recursiveBind)
    {
        var parsed = MountOptions.Parse(options, type: null);
        Assert.Equal(flags, parsed.Flags);
        Assert.Equal(data, parsed.Data);
        Assert.Equal(recursiveBind, parsed.Bind && parsed.Recursive);
    }

    [Fact]
    public void Tmpcopyup_is_an_option_of_the_runtime_not_data_for_the_filesystem()
    {
        var parsed = MountOptions.Parse(["rw", "tmpcopyup", "size=1m"], "tmpfs");
        Assert.True(parsed.CopyUp);
        Assert.Equal("size=1m", parsed.Data);
        Assert.False(MountOptions.Parse(["rw"], "tmpfs").CopyUp);
    }

    [Fact]
    public void Propagation_options_become_separate_changes()
    {
        Assert.Equal([(1L << 18) | 16384], MountOptions.Parse(["rprivate"], "bind").Propagation);
    }

    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigint", 2)]
    [InlineData("10", 10)]
    public void Signals_are_accepted_by_name_or_number(string text, int number) => Assert.Equal(number, Signals.Parse(text));

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("SIGNOPE")]
    public void Unknown_signals_are_usage_errors(string text) =>
        Assert.Equal(SupervisorExitCodes.Usage, Assert.Throws<ShimException>(() => Signals.Parse(text)).ExitCode);

    [Fact]
    public void A_program_without_a_slash_is_searched_on_the_specs_PATH_in_order()
    {
        var process = new ProcessSpec { Args = ["ls"], Env = ["PATH=/a:/b/:/a"] };
        Assert.Equal(["/a/ls", "/b/ls"], ExecSteps.Candidates(process));
        Assert.Equal(["./ls"], ExecSteps.Candidates(process with { Args = ["./ls"] }));
        Assert.Equal(6, ExecSteps.Candidates(process with { Env = [] }).Count);
    }

    [Theory]
    [InlineData(2, "errno 2 (ENOENT): no such file or directory")]
    [InlineData(13, "errno 13 (EACCES): permission denied")]
    [InlineData(1, "errno 1 (EPERM): operation not permitted")]
    [InlineData(40, "errno 40 (ELOOP): too many levels of symbolic links")]
    [InlineData(95, "errno 95 (E#95)")]
    public void Errno_descriptions_carry_the_strerror_text_podman_classifies_runtime_errors_by(long errno, string expected) =>
        Assert.Equal(expected, Native.Errno.Describe(errno));

    [Theory]
    [InlineData("/proc", "/proc")]
    [InlineData("/dev//pts/.", "/dev/pts")]
    [InlineData("/", "/")]
    public void Container_paths_are_normalized(string path, string expected) =>
        Assert.Equal(expected, ContainerPath.Normalize(path));

    [Theory]
    [InlineData("/../etc")]
    [InlineData("relative")]
    public void Container_paths_that_climb_out_or_are_relative_are_refused(string path) =>
        Assert.Throws<ShimException>(() => ContainerPath.Normalize(path));

    [Theory]
    [InlineData("a\"b\\c\n", "a\\\"b\\\\c\\n")]
    [InlineData("\u0001\t", "\\u0001\\t")]
    [InlineData("café", "café")]
    public void Log_text_is_escaped_as_a_json_string(string text, string expected)
    {
        var output = new List<byte>();
        JsonText.AppendEscaped(output, Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("-x")]
    public void Container_ids_are_validated(string id)
    {
        if (id == "abc") _ = new State.StateDirectory("/tmp", id);
        else Assert.Equal(SupervisorExitCodes.Usage, Assert.Throws<ShimException>(() => new State.StateDirectory("/tmp", id)).ExitCode);
    }

    [Fact]
    public void Docker_default_capabilities_make_the_mask_docker_shows()
    {
        Assert.Equal(0xa80425fbUL, Capabilities.Mask(BusyboxBundle.DockerCapabilities, 40));
    }
}
