namespace ContainerPS.Engine.Runtime;

/// <summary>One line of an image's /etc/passwd (passwd(5)): name:password:uid:gid:gecos:home:shell.</summary>
internal sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home)
{
    public static IReadOnlyList<PasswdEntry> Parse(string text) =>
        AccountFile.Lines(text, minimumFields: 4)
            .Select(f => AccountFile.TryId(f[2], out var uid) && AccountFile.TryId(f[3], out var gid)
                ? new PasswdEntry(f[0], uid, gid, f.Length > 5 ? f[5] : "")
                : null)
            .OfType<PasswdEntry>()
            .ToList();
}
