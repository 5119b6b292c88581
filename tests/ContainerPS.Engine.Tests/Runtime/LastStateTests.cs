using System.Text.Json;
using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Tests.Runtime;

/// <summary>What the monitor's copy in the store says a container last was, once a reboot has emptied /run.</summary>
public sealed class LastStateTests : IDisposable
{
    private readonly ContainerPaths _paths = new(Directory.CreateTempSubdirectory("last-state-").FullName);

    public void Dispose() => Directory.Delete(_paths.Directory, recursive: true);

    private ContainerState? ReadCopyOf(string status, int? exitCode = null)
    {
        var state = new ContainerState { Id = "c1", Status = status, ExitCode = exitCode, Pid = 4242, Finished = status == ContainerStatus.Stopped ? DateTimeOffset.UnixEpoch : null };
        File.WriteAllBytes(_paths.LastStateFile, JsonSerializer.SerializeToUtf8Bytes(state, RuntimeJsonContext.Default.ContainerState));
        return LastState.Read(_paths);
    }

    [Fact]
    public void A_container_that_ended_before_keeps_its_exit_code_and_times()
    {
        var state = ReadCopyOf(ContainerStatus.Stopped, exitCode: 3)!;
        Assert.Equal(ContainerStatusKind.Exited, LiveStatus.Of(state));
        Assert.Equal(3, state.ExitCode);
        Assert.Equal(DateTimeOffset.UnixEpoch, state.Finished);
        Assert.Null(state.Error);
    }

    [Theory]
    [InlineData(ContainerStatus.Running)]
    [InlineData(ContainerStatus.Paused)]
    public void A_container_the_host_went_down_under_has_exited_with_no_exit_code(string status)
    {
        var state = ReadCopyOf(status, exitCode: null)!;
        Assert.Equal(ContainerStatusKind.Exited, LiveStatus.Of(state));
        Assert.Null(state.ExitCode);
        Assert.Contains("host restarted", state.Error);
    }

    [Theory]
    [InlineData(ContainerStatus.Created)]
    [InlineData(ContainerStatus.Creating)]
    public void A_container_only_set_up_is_as_if_never_started(string status) => Assert.Null(ReadCopyOf(status));

    [Fact]
    public void No_copy_or_a_broken_one_is_no_state()
    {
        Assert.Null(LastState.Read(_paths));
        File.WriteAllText(_paths.LastStateFile, "{ torn");
        Assert.Null(LastState.Read(_paths));
    }
}
