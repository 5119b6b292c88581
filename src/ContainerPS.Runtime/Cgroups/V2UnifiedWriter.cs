namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// linux.resources.unified (config-linux.md "Unified"): each key is an interface file of the container's cgroup and
/// is written as given, after the other resources so it wins over them. A key must name a file in that directory
/// (no '/', not "." or ".."), and a file that does not exist fails the create: the spec says the runtime MUST
/// return an error when it cannot apply one.
/// </summary>
internal static class V2UnifiedWriter
{
    public static void Apply(string directory, Dictionary<string, string>? unified)
    {
        foreach (var (key, value) in unified ?? [])
        {
            if (key.Length == 0 || key.Contains('/') || key.Contains('\0') || key is "." or "..")
            {
                throw new CgroupException(CgroupErrorIds.InvalidLimit, $"'{key}' in linux.resources.unified is not a cgroup interface file name.");
            }

            string file = Path.Combine(directory, key);
            if (!File.Exists(file))
            {
                throw new CgroupException(CgroupErrorIds.InvalidLimit, $"linux.resources.unified names '{key}', which '{directory}' does not have (is its controller enabled?).", file);
            }

            CgroupFiles.Write(file, value);
        }
    }
}
