namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The values of the automatic platform ARGs (Dockerfile reference, "Automatic platform ARGs in the global scope"):
/// the <c>TARGET*</c> set describes the platform the image is built for, the <c>BUILD*</c> set the machine that
/// builds it. A platform without variant gives an empty <c>*VARIANT</c>, as BuildKit does.
/// </summary>
public static class AutomaticPlatformArgs
{
    public static IReadOnlyDictionary<string, string> For(BuildPlatform target, BuildPlatform build)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        AddPlatform(values, "TARGET", target);
        AddPlatform(values, "BUILD", build);
        return values;
    }

    private static void AddPlatform(Dictionary<string, string> values, string prefix, BuildPlatform platform)
    {
        values[prefix + "PLATFORM"] = platform.ToString();
        values[prefix + "OS"] = platform.Os;
        values[prefix + "ARCH"] = platform.Architecture;
        values[prefix + "VARIANT"] = platform.Variant ?? "";
    }
}
