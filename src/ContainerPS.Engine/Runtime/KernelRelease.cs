namespace ContainerPS.Engine.Runtime;

/// <summary>The running kernel's version (/proc/sys/kernel/osrelease, "6.1.0-18-amd64"), for features that need a minimum.</summary>
internal static class KernelRelease
{
    private static readonly Lazy<Version?> Current = new(Read);

    /// <summary>True when the kernel is at least <paramref name="major"/>.<paramref name="minor"/>; false when its version cannot be read.</summary>
    public static bool AtLeast(int major, int minor) => Current.Value is { } version && version >= new Version(major, minor);

    /// <summary>The kernel's major.minor; null when it cannot be read.</summary>
    public static Version? Value => Current.Value;

    private static Version? Read()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/sys/kernel/osrelease"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The leading "major.minor" of a release string; null when it has none.</summary>
    internal static Version? Parse(string release)
    {
        var parts = release.Trim().Split('.', 3);
        if (parts.Length < 2 || !int.TryParse(parts[0], out int major)) return null;
        int digits = parts[1].TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && int.TryParse(parts[1][..digits], out int minor) ? new Version(major, minor) : null;
    }
}
