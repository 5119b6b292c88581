using System.Text;
using ContainerPS.Engine.Runtime.Copy;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Processes;

/// <summary>
/// uid → name from the container's own /etc/passwd, read through the container's root fd (RESOLVE_IN_ROOT, as a copy
/// reads), so a passwd that is a symlink to a host path still names a file of the container.
/// </summary>
internal sealed unsafe class ContainerUsers
{
    private const int MaxPasswdBytes = 1 << 20;
    private readonly Dictionary<uint, string> _names = [];

    public ContainerUsers(ContainerRoot? root)
    {
        if (root is null || Read(new ContainerTree(root.Fd), "/etc/passwd") is not { } text) return;
        foreach (var entry in PasswdEntry.Parse(text)) _names.TryAdd(entry.Uid, entry.Name);
    }

    public string NameOf(uint uid) => _names.TryGetValue(uid, out var name) ? name : uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Read(ContainerTree tree, string path)
    {
        int fd = tree.Open(path, LibC.O_RDONLY | LibC.O_NONBLOCK);
        if (fd < 0) return null;
        try
        {
            // Grown as it fills, up to the limit: a buffer of the limit itself would be a large object on every call.
            var buffer = new byte[4096];
            int total = 0;
            while (true)
            {
                long read;
                fixed (byte* b = buffer) read = LibC.read(fd, b + total, buffer.Length - total);
                if (read <= 0) break;
                total += (int)read;
                if (total < buffer.Length) continue;
                if (total >= MaxPasswdBytes) break;
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxPasswdBytes));
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
