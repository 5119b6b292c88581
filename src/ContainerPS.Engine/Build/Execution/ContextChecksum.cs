using System.Security.Cryptography;
using System.Text;
using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// The checksum of what a COPY reads from the build context, for its cache key (docs/build.md, "Cache"): every
/// entry's path, type and mode, a file's content and a link's target; never times, so touching a file keeps the
/// cache, and changing its bytes or mode does not. The owner is not part of it: a COPY gives every entry root's or
/// <c>--chown</c>'s ids, whoever owns it in the context.
/// </summary>
internal static class ContextChecksum
{
    public static string Of(IEnumerable<SourceMatch> matches)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var match in matches)
        {
            Add(hash, $"match {match.MatchedPath}");
            Add(hash, match.Entry, match.Entry.ContextPath);
            foreach (var content in match.Contents) Add(hash, content, match.PathInSource(content));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, ContextEntry entry, string path)
    {
        var status = Status(entry);
        Add(hash, $"{entry.Kind} {path} {status}");
        if (entry.Kind == ContextEntryKind.Symlink) Add(hash, $"-> {entry.LinkTarget}");
        if (entry.Kind != ContextEntryKind.File) return;
        using var file = new FileStream(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        Add(hash, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    private static string Status(ContextEntry entry)
    {
        if (entry.Kind == ContextEntryKind.Symlink) return "";
        var info = new FileInfo(entry.FullPath);
        return Convert.ToString((int)info.UnixFileMode, 8);
    }

    private static void Add(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData("\n"u8);
    }
}
