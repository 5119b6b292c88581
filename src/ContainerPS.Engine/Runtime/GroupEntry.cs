namespace ContainerPS.Engine.Runtime;

/// <summary>One line of an image's /etc/group (group(5)): name:password:gid:member,member.</summary>
internal sealed record GroupEntry(string Name, uint Gid, IReadOnlyList<string> Members)
{
    public static IReadOnlyList<GroupEntry> Parse(string text) =>
        AccountFile.Lines(text, minimumFields: 3)
            .Select(f => AccountFile.TryId(f[2], out var gid)
                ? new GroupEntry(f[0], gid, f.Length > 3 ? f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
                : null)
            .OfType<GroupEntry>()
            .ToList();
}
