using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// A persistent network namespace: a bind mount of a thread's /proc/thread-self/ns/net on a file, as
/// <c>ip netns add</c> makes them (ip-netns(8)), so it lives without any process in it until the file is unmounted.
/// The unshare(2) and setns(2) calls run on a thread of their own that ends right after, never on a pwsh thread
/// (DESIGN.md, "The launcher and the supervisor"): a thread's network namespace is its own (CLONE_NEWNET applies
/// per thread), and the process's other threads never notice.
/// </summary>
internal static partial class NetworkNamespace
{
    private const int CLONE_NEWNET = 0x40000000;
    private const ulong MS_BIND = 0x1000;
    private const int MNT_DETACH = 2;

    public static bool Exists(string path) => File.Exists(path) && IsMounted(path);

    /// <summary>
    /// <c>net-&lt;inode&gt;</c> of the calling thread's namespace (/proc/thread-self/ns/net reads as <c>net:[4026531840]</c>,
    /// namespaces(7)): what keeps the host-wide records of bridges (address leases, subnet claims) of one network
    /// stack apart from another's, since bridges of two namespaces never share addresses or routes.
    /// </summary>
    public static string NameOfThisThread()
    {
        var target = new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? "net:[unknown]";
        return "net-" + new string(target.Where(char.IsAsciiDigit).ToArray());
    }

    /// <summary>Makes a new, empty network namespace and pins it on <paramref name="path"/>.</summary>
    public static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (File.Create(path)) { }
        try
        {
            OnOwnThread(() =>
            {
                if (LibC.unshare(CLONE_NEWNET) != 0) throw Errno.Exception("unshare(CLONE_NEWNET)", path);
                if (mount("/proc/thread-self/ns/net", path, null, MS_BIND, 0) != 0) throw Errno.Exception("mount --bind netns", path);
                return 0;
            });
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Unpins and removes the namespace file; the namespace ends with its last user (its devices go with it).</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path)) return;
        if (IsMounted(path) && umount2(path, MNT_DETACH) != 0) throw Errno.Exception("umount2", path);
        File.Delete(path);
    }

    /// <summary>An fd of the namespace (O_CLOEXEC), to hand to IFLA_NET_NS_FD.</summary>
    public static SafeFileHandle OpenNamespace(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read);

    /// <summary>A route socket inside the namespace: made by a thread that setns(2)'d into it, used from any thread.</summary>
    public static NetlinkSocket OpenRouteSocket(string path) => OnOwnThread(() =>
    {
        using var handle = OpenNamespace(path);
        if (LibC.setns((int)handle.DangerousGetHandle(), CLONE_NEWNET) != 0) throw Errno.Exception("setns(CLONE_NEWNET)", path);
        return NetlinkSocket.Open();
    });

    /// <summary>nsfs files are mount points; a plain file at the path (left by a crash) is not a namespace.</summary>
    private static bool IsMounted(string path)
    {
        string full = Path.GetFullPath(path);
        return File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' ')).Any(fields => fields.Length > 4 && Unescape(fields[4]) == full);
    }

    private static string Unescape(string field) => field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");

    private static T OnOwnThread<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 256 * 1024) { IsBackground = true, Name = "containerps-netns" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure is ContainerPSException ? failure : Fail.Internal("NetworkNamespaceFailed", failure.Message, null, failure);
        return result;
    }

    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string source, string target, string? type, ulong flags, nint data);

    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);
}
