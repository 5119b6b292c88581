using System.Diagnostics;
using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>The freezer on this host's real cgroup (v1 here) with a real process in it.</summary>
public sealed class RealFreezerTests : IDisposable
{
    private readonly RealCgroupScope _scope = new();

    public void Dispose() => _scope.Dispose();

    private static string ProcessState(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0]; // proc(5): the state follows the parenthesised comm
    }

    [Fact]
    public void Freeze_waits_until_the_kernel_says_frozen_and_disposing_thaws_so_the_process_runs_again()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("freeze"), null);
        using var sleep = Process.Start("/bin/sleep", "600");
        cgroup.AddProcess(sleep.Id);
        string stateFile = cgroup.Directories.Select(d => Path.Combine(d, "freezer.state")).Single(File.Exists);

        using (cgroup.Freezer.Freeze())
        {
            Assert.Equal("FROZEN", File.ReadAllText(stateFile).Trim());
            Assert.True(cgroup.Freezer.IsFrozen);
            Assert.Equal("D", ProcessState(sleep.Id)); // a v1-frozen task waits uninterruptibly in the refrigerator
        }

        Assert.Equal("THAWED", File.ReadAllText(stateFile).Trim());
        Assert.False(cgroup.Freezer.IsFrozen);
        sleep.Kill();
        sleep.WaitForExit(); // a frozen task could not die; a thawed one does
        Assert.True(sleep.HasExited);
    }

    [Fact]
    public void An_empty_cgroup_freezes_and_thaws()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("empty"), null);

        using (cgroup.Freezer.Freeze()) Assert.True(cgroup.Freezer.IsFrozen);

        Assert.False(cgroup.Freezer.IsFrozen);
    }
}
