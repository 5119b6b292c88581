namespace ContainerPS.Engine.Security;

/// <summary>The errno names a profile may write instead of numbers (asm-generic/errno-base.h and errno.h values,
/// which every architecture ContainerPS runs on shares).</summary>
public static class SeccompErrno
{
    private static readonly Dictionary<string, uint> Numbers = new(StringComparer.Ordinal)
    {
        ["EPERM"] = 1, ["ENOENT"] = 2, ["EACCES"] = 13, ["EINVAL"] = 22, ["ENOSYS"] = 38,
    };

    public static bool TryParse(string text, out uint errno) =>
        Numbers.TryGetValue(text, out errno) || uint.TryParse(text, out errno);
}
