namespace ContainerPS.Shim.Hooks;

/// <summary>The hook lists' names in config.md, "POSIX-platform Hooks" (messages and step names use them).</summary>
internal static class HookKinds
{
    public const string Prestart = "prestart";
    public const string CreateRuntime = "createRuntime";
    public const string CreateContainer = "createContainer";
    public const string StartContainer = "startContainer";
    public const string Poststart = "poststart";
    public const string Poststop = "poststop";

    /// <summary>In the spec's order of the lifecycle (runtime.md "Lifecycle"), as `features` lists them.</summary>
    public static readonly string[] All = [Prestart, CreateRuntime, CreateContainer, StartContainer, Poststart, Poststop];
}
