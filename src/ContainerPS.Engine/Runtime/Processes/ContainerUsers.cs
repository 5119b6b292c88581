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
            var buffer = new byte[MaxPasswdBytes];
            int total = 0;
            fixed (byte* b = buffer)
            {
                long read;
                while (total < buffer.Length && (read = LibC.read(fd, b + total, buffer.Length - total)) > 0) total += (int)read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
