namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Bytes through the network interfaces of a process's network namespace, from /proc/&lt;pid&gt;/net/dev (proc(5)):
/// the container's init sees its own namespace there. Loopback is left out, as docker counts only the container's
/// real interfaces.
/// </summary>
internal static class NetworkCounters
{
    public static (ulong Received, ulong Transmitted) Read(int pid)
    {
        ulong rx = 0, tx = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/net/dev").Skip(2))
            {
                var colon = line.IndexOf(':');
                if (colon < 0 || line[..colon].Trim() == "lo") continue;
                var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 9) continue;
                rx += ulong.Parse(fields[0]);
                tx += ulong.Parse(fields[8]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the process exited between listing and reading: no traffic to report
        }

        return (rx, tx);
    }
}
