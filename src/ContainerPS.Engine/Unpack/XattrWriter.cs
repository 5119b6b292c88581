using System.Diagnostics.CodeAnalysis;
using System.Formats.Tar;
using System.Text;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Extended attributes of an entry, from PAX records <c>SCHILY.xattr.&lt;name&gt;</c> (the GNU tar and Go archive/tar
/// convention, which Docker and BuildKit write): security.capability, ACLs, user.* and so on.
/// </summary>
internal static unsafe class XattrWriter
{
    private const string RecordPrefix = "SCHILY.xattr.";

    // overlayfs keeps its own state in trusted.overlay.* (opaque, redirect, metacopy). Only whiteouts may set it;
    // an image that ships such xattrs could otherwise rewire how overlayfs merges the layers.
    private const string OverlayPrefix = "trusted.overlay.";

    /// <summary>Sets the attributes on an open regular file or directory.</summary>
    public static void Apply(TarEntry entry, ReadOnlySpan<byte> rawPax, int fd)
    {
        if (entry is not PaxTarEntry pax)
        {
            return;
        }

        foreach ((string key, string value) in pax.ExtendedAttributes)
        {
            if (TryGetName(key, out string? name))
            {
                Set(fd, path: null, name, ValueOf(key, value, rawPax), entry.Name);
            }
        }
    }

    /// <summary>Sets the attributes on <paramref name="leaf"/> in <paramref name="parentFd"/> without following it (symlinks, devices, fifos).</summary>
    public static void ApplyNoFollow(TarEntry entry, ReadOnlySpan<byte> rawPax, int parentFd, ReadOnlySpan<char> leaf)
    {
        if (entry is not PaxTarEntry pax)
        {
            return;
        }

        foreach ((string key, string value) in pax.ExtendedAttributes)
        {
            if (TryGetName(key, out string? name))
            {
                // The parent is reached through its own fd's /proc link; the leaf itself is not followed (lsetxattr).
                string path = $"/proc/self/fd/{parentFd}/{leaf}";
                Set(-1, path, name, ValueOf(key, value, rawPax), entry.Name);
            }
        }
    }

    private static bool TryGetName(string key, [NotNullWhen(true)] out string? name)
    {
        name = null;
        if (!key.StartsWith(RecordPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        name = key[RecordPrefix.Length..];
        return name.Length > 0 && !name.StartsWith(OverlayPrefix, StringComparison.Ordinal);
    }

    // TarReader decodes PAX values as UTF-8, which mangles binary values (a capability set is raw bytes);
    // when that happened, take the bytes from the raw record instead.
    private static byte[] ValueOf(string key, string value, ReadOnlySpan<byte> rawPax)
    {
        if (value.Contains('\uFFFD') && PaxRecords.TryFind(rawPax, Encoding.UTF8.GetBytes(key), out ReadOnlySpan<byte> raw))
        {
            return raw.ToArray();
        }

        return Encoding.UTF8.GetBytes(value);
    }

    private static void Set(int fd, string? path, string name, byte[] value, string entryName)
    {
        fixed (byte* n = Utf8Path.ToArray(name))
        fixed (byte* v = value)
        {
            int result;
            if (path is null)
            {
                result = LibCExtra.fsetxattr(fd, n, v, (nuint)value.Length, 0);
            }
            else
            {
                fixed (byte* p = Utf8Path.ToArray(path))
                {
                    result = LibCExtra.lsetxattr(p, n, v, (nuint)value.Length, 0);
                }
            }

            // The kernel allows user.* only on regular files and directories; tar skips it elsewhere too.
            if (result != 0 && !(path is not null && Errno.Last == LibC.EPERM && name.StartsWith("user.", StringComparison.Ordinal)))
            {
                throw Errno.Exception("setxattr", $"{entryName} {name}");
            }
        }
    }
}
