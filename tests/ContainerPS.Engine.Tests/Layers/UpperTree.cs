using System.Diagnostics;

namespace ContainerPS.Engine.Tests.Layers;

/// <summary>
/// A throwaway directory made as root with the real tools (mknod, setcap, chown, touch, ln), so the walker meets what
/// overlayfs leaves in an upper directory: <see cref="Upper"/>, a <see cref="Lower"/> image layer, a <see cref="Host"/>
/// outside both that hostile links point at, and <see cref="Store"/>, an empty store root.
/// </summary>
internal sealed class UpperTree : IDisposable
{
    public UpperTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "cps-layers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Upper);
        Directory.CreateDirectory(Lower);
        Directory.CreateDirectory(Host);
        Directory.CreateDirectory(Store);
        File.WriteAllText(Path.Combine(Host, "secret"), "host secret\n");
    }

    public string Root { get; }

    public string Upper => Path.Combine(Root, "upper");

    public string Lower => Path.Combine(Root, "lower");

    public string Host => Path.Combine(Root, "host");

    public string Store => Path.Combine(Root, "store");

    /// <summary>The standard upper directory of these tests: every kind of entry the walker knows.</summary>
    public UpperTree WithEverything()
    {
        Sh($"""
            cd '{Upper}'
            mkdir -p etc usr/bin var/cache/apt opaque/sub
            printf 'hello\n' > usr/bin/tool && chown 0:50 usr/bin/tool && chmod 4755 usr/bin/tool
            ln usr/bin/tool usr/bin/tool-link
            printf 'ping\n' > usr/bin/ping && setcap cap_net_raw+ep usr/bin/ping
            ln -s ../usr/bin/tool etc/alternative
            mknod etc/null c 1 3 && mknod etc/loop0 b 7 0 && mkfifo etc/fifo
            mknod var/cache/apt/gone c 0 0
            mknod removed c 0 0
            printf 'new\n' > opaque/sub/file && chown 1000:1000 opaque/sub/file
            python3 -c "import os; os.setxattr('opaque', 'trusted.overlay.opaque', b'y')"
            printf 'x' > etc/hosts && printf 'x' > etc/resolv.conf && printf 'x' > etc/hostname && printf 'kept\n' > etc/motd
            chmod 0700 var && chown 7:8 var
            find . -print0 | xargs -0 touch -h -d @1700000000
            """);
        return this;
    }

    public static void Sh(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euc", script]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bash exited {process.ExitCode}: {error}");
    }

    public static string ShOut(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euc", script]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bash exited {process.ExitCode}: {error}");
        return output;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
