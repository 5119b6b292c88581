using System.Text;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Turns docker's user forms (<c>name</c>, <c>uid</c>, <c>uid:gid</c>, <c>name:group</c>) into numeric ids using the
/// image's own /etc/passwd and /etc/group, read from its layers (regular files only, at most 10 MiB each;
/// hardening.md). Supplementary groups are the image's groups that list the user; the host's groups never leak in.
/// </summary>
internal sealed class UserResolver(ImageFileSystem image)
{
    public const int MaxAccountFileBytes = 10 * 1024 * 1024;
    private IReadOnlyList<PasswdEntry>? _users;
    private IReadOnlyList<GroupEntry>? _groups;

    public ResolvedUser Resolve(string? user)
    {
        if (string.IsNullOrEmpty(user)) user = "0";
        var separator = user.IndexOf(':');
        var userPart = separator < 0 ? user : user[..separator];
        var groupPart = separator < 0 ? null : user[(separator + 1)..];
        if (userPart.Length == 0 || groupPart is { Length: 0 })
            throw Fail.InvalidArgument("InvalidUser", $"'{user}' is not a user: use name, uid, uid:gid or name:group.", user);

        var entry = FindUser(userPart, user);
        var uid = entry?.Uid ?? ParseId(userPart, user);
        var gid = groupPart is null ? entry?.Gid ?? 0 : FindGroupId(groupPart, user);
        // The primary group comes first among the supplementary groups, as runc's and podman's processes have it
        // (busybox id shows groups=1000 for --user 1000:1000), then the image's groups that list the user.
        var listing = entry is null ? [] : Groups.Where(g => g.Members.Contains(entry.Name) && g.Gid != gid).Select(g => g.Gid);
        var additional = listing.Prepend(gid).Distinct().ToList();
        var home = entry?.Home is { Length: > 0 } h ? h : "/";
        return new ResolvedUser(uid, gid, additional, home);
    }

    private PasswdEntry? FindUser(string text, string whole)
    {
        if (AccountFile.IsNumeric(text))
        {
            var uid = ParseId(text, whole);
            return Users.FirstOrDefault(u => u.Uid == uid);
        }

        return Users.FirstOrDefault(u => u.Name == text)
               ?? throw Fail.NotFound("UserNotFound", $"The image has no user '{text}' in its /etc/passwd.", whole);
    }

    private uint FindGroupId(string text, string whole)
    {
        if (AccountFile.IsNumeric(text)) return ParseId(text, whole);
        return Groups.FirstOrDefault(g => g.Name == text)?.Gid
               ?? throw Fail.NotFound("GroupNotFound", $"The image has no group '{text}' in its /etc/group.", whole);
    }

    private static uint ParseId(string text, string whole) =>
        AccountFile.TryId(text, out var id)
            ? id
            : throw Fail.InvalidArgument("InvalidUser", $"'{text}' in '{whole}' is not a valid id: ids go from 0 to {AccountFile.MaxId}.", whole);

    private IReadOnlyList<PasswdEntry> Users => _users ??= PasswdEntry.Parse(ReadText("/etc/passwd"));

    private IReadOnlyList<GroupEntry> Groups => _groups ??= GroupEntry.Parse(ReadText("/etc/group"));

    private string ReadText(string path) =>
        image.ReadRegularFile(path, MaxAccountFileBytes) is { } bytes ? Encoding.UTF8.GetString(bytes) : "";
}
