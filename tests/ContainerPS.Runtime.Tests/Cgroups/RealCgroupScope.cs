using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>
/// A parent cgroup /containerps-test-&lt;guid&gt; on the real host, so concurrent tests never meet; disposing kills and
/// removes whatever a test left below it.
/// </summary>
internal sealed class RealCgroupScope : IDisposable
{
    private readonly string _parent = "/containerps-test-" + Guid.NewGuid().ToString("N");

    public CgroupHost Host { get; } = CgroupHost.Detect();

    public string PathOf(string name) => _parent + "/" + name;

    /// <summary>The parent's directory in every hierarchy.</summary>
    public IEnumerable<string> ParentDirectories =>
        Host.Layout.ControllerMounts.Values.Distinct().Select(mount => mount + _parent);

    public void Dispose()
    {
        foreach (var parent in ParentDirectories.Where(Directory.Exists))
        {
            foreach (var child in Directory.GetDirectories(parent))
            {
                var cgroup = Host.Open(_parent + "/" + System.IO.Path.GetFileName(child));
                cgroup.KillAll();
                cgroup.Remove();
            }

            Directory.Delete(parent); // rmdir: cgroupfs directories are removed empty of subdirectories
        }
    }
}
