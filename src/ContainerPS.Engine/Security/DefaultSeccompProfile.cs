namespace ContainerPS.Engine.Security;

/// <summary>ContainerPS's default profile (DefaultSeccompProfile.txt, embedded in the engine), parsed once.</summary>
public static class DefaultSeccompProfile
{
    public const string ResourceName = "ContainerPS.Engine.Security.DefaultSeccompProfile.txt";

    private static readonly Lazy<SeccompProfile> Parsed = new(() => SeccompProfileParser.Parse(Text, ResourceName));

    public static SeccompProfile Profile => Parsed.Value;

    /// <summary>The file's text, as shipped.</summary>
    public static string Text
    {
        get
        {
            using var stream = typeof(DefaultSeccompProfile).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The engine lacks its embedded resource {ResourceName}.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
