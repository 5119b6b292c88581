using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// A mount's options split as mount(8) does: flags for mount(2), propagation changes (applied by separate calls),
/// and the rest as the filesystem's data string (config.md, "Mounts"; runc's mount option table).
/// </summary>
internal sealed record MountOptions(long Flags, IReadOnlyList<long> Propagation, string? Data, bool Bind, bool Recursive)
{
    private static readonly Dictionary<string, (bool Clear, long Flag)> FlagOptions = new()
    {
        ["ro"] = (false, MS_RDONLY), ["rw"] = (true, MS_RDONLY),
        ["nosuid"] = (false, MS_NOSUID), ["suid"] = (true, MS_NOSUID),
        ["nodev"] = (false, MS_NODEV), ["dev"] = (true, MS_NODEV),
        ["noexec"] = (false, MS_NOEXEC), ["exec"] = (true, MS_NOEXEC),
        ["sync"] = (false, MS_SYNCHRONOUS), ["async"] = (true, MS_SYNCHRONOUS),
        ["dirsync"] = (false, MS_DIRSYNC), ["mand"] = (false, MS_MANDLOCK), ["nomand"] = (true, MS_MANDLOCK),
        ["noatime"] = (false, MS_NOATIME), ["atime"] = (true, MS_NOATIME),
        ["nodiratime"] = (false, MS_NODIRATIME), ["diratime"] = (true, MS_NODIRATIME),
        ["relatime"] = (false, MS_RELATIME), ["norelatime"] = (true, MS_RELATIME),
        ["strictatime"] = (false, MS_STRICTATIME), ["nostrictatime"] = (true, MS_STRICTATIME),
        ["nosymfollow"] = (false, MS_NOSYMFOLLOW), ["symfollow"] = (true, MS_NOSYMFOLLOW),
    };

    public static readonly IReadOnlyDictionary<string, long> PropagationOptions = new Dictionary<string, long>
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC,
        ["shared"] = MS_SHARED, ["rshared"] = MS_SHARED | MS_REC,
        ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    public bool ReadOnly => (Flags & MS_RDONLY) != 0;

    /// <summary>runc's tmpcopyup (podman's --read-only and --tmpfs): the tmpfs starts with what the rootfs had there (TmpCopyUp).</summary>
    public bool CopyUp { get; init; }

    /// <summary>Every option this parser gives a meaning (features.md "mountOptions"); others go to the filesystem.</summary>
    public static IEnumerable<string> Known =>
        FlagOptions.Keys.Concat(PropagationOptions.Keys).Append("bind").Append("rbind").Append(TmpCopyUp.Option);

    public static MountOptions Parse(IReadOnlyList<string>? options, string? type)
    {
        long flags = 0;
        var propagation = new List<long>();
        var data = new List<string>();
        bool bind = type == "bind", recursive = false, copyUp = false;
        foreach (string option in options ?? [])
        {
            if (option is "bind" or "rbind")
            {
                bind = true;
                recursive |= option == "rbind";
            }
            else if (FlagOptions.TryGetValue(option, out var flag)) flags = flag.Clear ? flags & ~flag.Flag : flags | flag.Flag;
            else if (PropagationOptions.TryGetValue(option, out long change)) propagation.Add(change);
            else if (option == TmpCopyUp.Option) copyUp = true;
            else data.Add(option);
        }
        return new MountOptions(flags, propagation, data.Count == 0 ? null : string.Join(',', data), bind, recursive) { CopyUp = copyUp };
    }
}
