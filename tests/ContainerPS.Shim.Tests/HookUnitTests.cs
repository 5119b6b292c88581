using System.Text;
using System.Text.Json;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Hooks;

namespace ContainerPS.Shim.Tests;

/// <summary>The pure parts of the hooks: the state on their stdin and the checks of config.md's rules.</summary>
public sealed class HookUnitTests
{
    private static readonly ContainerState State = new()
    {
        Id = "c1", Bundle = "/b", Pid = 42, Status = ContainerStatus.Running, Annotations = new() { ["k"] = "v" },
        SupervisorPid = 7, ExitCode = 3,
    };

    [Fact]
    public void The_state_has_runtime_md_fields_only_with_the_status_asked_for()
    {
        using var json = JsonDocument.Parse(HookStateJson.Of(State, ContainerStatus.Created));
        var root = json.RootElement;
        Assert.Equal(["ociVersion", "id", "status", "bundle", "annotations", "pid"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("created", root.GetProperty("status").GetString());
        Assert.Equal(42, root.GetProperty("pid").GetInt32());
        Assert.Equal("v", root.GetProperty("annotations").GetProperty("k").GetString());
    }

    [Fact]
    public void A_pid_head_completed_with_a_pid_and_the_tail_is_the_whole_state()
    {
        byte[] head = HookStateJson.PidHead(State with { Annotations = null }, ContainerStatus.Creating);
        Assert.EndsWith(",\"pid\":", Encoding.UTF8.GetString(head));
        byte[] whole = [.. head, .. "1"u8, .. HookStateJson.PidTail];
        using var json = JsonDocument.Parse(whole);
        Assert.Equal(1, json.RootElement.GetProperty("pid").GetInt32());
        Assert.Equal("creating", json.RootElement.GetProperty("status").GetString());
        Assert.False(json.RootElement.TryGetProperty("annotations", out _));
    }

    [Theory]
    [InlineData("bin/true", null, "hooks.poststop[0].path 'bin/true' is not an absolute path")]
    [InlineData("/bin/true", 0, "hooks.poststop[0].timeout must be greater than zero (it is 0)")]
    public void A_relative_path_or_a_timeout_not_above_zero_is_a_usage_error(string path, int? timeout, string message)
    {
        var hooks = new HooksSpec { Poststop = [new HookSpec { Path = path, Timeout = timeout }] };
        var error = Assert.Throws<ShimException>(() => HookValidation.Validate(hooks));
        Assert.Equal(SupervisorExitCodes.Usage, error.ExitCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Hooks_are_read_from_config_json_by_their_spec_names()
    {
        var spec = JsonSerializer.Deserialize(
            """{"hooks":{"prestart":[{"path":"/p"}],"createRuntime":[{"path":"/r","args":["r","1"],"env":["A=1"],"timeout":5}],"createContainer":[{"path":"/c"}],"startContainer":[{"path":"/s"}],"poststart":[{"path":"/ps"}],"poststop":[{"path":"/pp"}]}}""",
            Runtime.RuntimeJsonContext.Default.RuntimeSpec)!;
        var hooks = spec.Hooks!;
        Assert.Equal(["/p", "/r", "/c", "/s", "/ps", "/pp"],
            new[] { hooks.Prestart, hooks.CreateRuntime, hooks.CreateContainer, hooks.StartContainer, hooks.Poststart, hooks.Poststop }.Select(l => l![0].Path));
        Assert.Equal(new HookSpec { Path = "/r", Args = hooks.CreateRuntime![0].Args, Env = hooks.CreateRuntime[0].Env, Timeout = 5 }, hooks.CreateRuntime[0]);
        Assert.Equal(["r", "1"], hooks.CreateRuntime[0].Args!);
        Assert.Equal(["A=1"], hooks.CreateRuntime[0].Env!);
    }
}
