namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>What <see cref="ExecForm.Read"/> found (Dockerfile reference, "Shell and exec form").</summary>
internal enum ExecFormKind
{
    /// <summary>Not a JSON array: the shell form.</summary>
    Shell,

    /// <summary>A JSON array of strings: the exec form.</summary>
    Strings,

    /// <summary>A JSON array holding something other than strings, which BuildKit rejects.</summary>
    NotStrings,
}
