namespace ContainerPS.Shim.Tests;

/// <summary>Issue 3: "200 run-and-remove cycles leave no mounts, cgroups, directories or processes behind".</summary>
public sealed class CycleTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    [Fact]
    [Trait("Category", "Slow")]
    public void Two_hundred_run_and_delete_cycles_leave_nothing_behind()
    {
        var spec = BusyboxBundle.DefaultSpec("echo cycle");
        _bundle.Write(spec with { Annotations = new() { [Runtime.Spec.Annotations.LogPath] = Path.Combine(_bundle.Path, "ctr.log") } });
        var ids = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            string id = _shim.NewId();
            ids.Add(id);
            var run = _shim.Run(_bundle, id);
            Assert.True(run.ExitCode == 0, run.ToString());
            var delete = _shim.Invoke("delete", id);
            Assert.True(delete.ExitCode == 0, delete.ToString());
        }
        Assert.Equal(200, File.ReadAllLines(Path.Combine(_bundle.Path, "ctr.log")).Length);
        Assert.Empty(ids.SelectMany(Shim.CgroupDirectories));
        Assert.Empty(Directory.GetFileSystemEntries(_shim.Root));
        Assert.DoesNotContain(_bundle.Path, File.ReadAllText("/proc/self/mountinfo"));
        Assert.DoesNotContain(_bundle.Path, File.ReadAllText("/proc/1/mountinfo"));
        Assert.Empty(ProcessesMentioning(_shim.Root));
    }

    /// <summary>Processes whose command line holds <paramref name="text"/>: this test's supervisors (other tests run in parallel).</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (string directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(text)) found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
