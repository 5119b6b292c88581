using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Turns image-spec whiteouts (layer.md, "Whiteouts") into the form overlayfs reads in a lower directory, as Docker's
/// overlay2 stores a layer: <c>.wh.NAME</c> becomes a 0/0 character device NAME, and <c>.wh..wh..opq</c> in D becomes
/// the xattr <c>trusted.overlay.opaque=y</c> on D. The target starts empty, so whatever D holds besides the marker was
/// added by this same layer and stays, whatever the order of entries; only the lower layers are hidden.
/// </summary>
internal sealed unsafe class Whiteouts
{
    private const string Prefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    // AUFS kept its own bookkeeping under ".wh..wh." (hardlink dirs ".wh..wh.plnk" and the like); it means nothing here.
    private const string AufsMetadataPrefix = ".wh..wh.";

    private static readonly byte[] OpaqueName = "trusted.overlay.opaque\0"u8.ToArray();
    private static readonly byte[] OpaqueValue = "y"u8.ToArray();

    private readonly LayerRoot _root;
    private readonly byte[] _name = new byte[Utf8Path.Capacity];

    public Whiteouts(LayerRoot root)
    {
        _root = root;
    }

    public static bool IsWhiteout(ReadOnlySpan<char> leaf) => leaf.StartsWith(Prefix, StringComparison.Ordinal);

    public void Apply(string entryName, ReadOnlySpan<char> parent, ReadOnlySpan<char> leaf)
    {
        if (leaf is OpaqueMarker)
        {
            MarkOpaque(entryName, parent);
        }
        else if (!leaf.StartsWith(AufsMetadataPrefix, StringComparison.Ordinal))
        {
            Hide(entryName, parent, leaf[Prefix.Length..]);
        }
    }

    private void MarkOpaque(string entryName, ReadOnlySpan<char> directory)
    {
        int fd = _root.Directory(directory, createMissing: true);
        fixed (byte* name = OpaqueName)
        fixed (byte* value = OpaqueValue)
        {
            Errno.ThrowIfFailed(LibCExtra.fsetxattr(fd, name, value, (nuint)OpaqueValue.Length, 0), "fsetxattr", entryName);
        }
    }

    private void Hide(string entryName, ReadOnlySpan<char> parent, ReadOnlySpan<char> hidden)
    {
        // Checked before anything is touched: these would name the directory itself or its parent.
        if (hidden is "" or "." or "..")
        {
            throw UnpackErrors.InvalidLayer($"The whiteout '{entryName}' does not name an entry.", entryName);
        }

        int parentFd = _root.Directory(parent, createMissing: true);
        Utf8Path.Encode(hidden, _name);
        fixed (byte* name = _name)
        {
            _root.Remove(parentFd, name);
            Errno.ThrowIfFailed(LibC.mknodat(parentFd, name, LibC.S_IFCHR, 0), "mknodat", entryName);
        }
    }
}
