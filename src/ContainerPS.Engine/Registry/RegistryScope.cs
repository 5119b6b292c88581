namespace ContainerPS.Engine.Registry;

/// <summary>
/// What a request needs access to, as a token server's <c>scope</c> names it (distribution docs spec/auth/scope.md:
/// <c>resourcetype:resourcename:actions</c>): pulling one repository, or reading the registry's catalog.
/// </summary>
internal sealed record RegistryScope(string ResourceType, string ResourceName, string Actions)
{
    /// <summary>Read access to a repository's manifests, blobs and tags.</summary>
    public static RegistryScope Pull(string repositoryPath) => new("repository", repositoryPath, "pull");

    /// <summary>The catalog of every repository (scope.md: <c>registry:catalog:*</c>).</summary>
    public static RegistryScope Catalog { get; } = new("registry", "catalog", "*");

    /// <summary>
    /// No resource: a token that only proves who the user is, as docker login asks for (the token request has no
    /// <c>scope</c>; token.md: the server then issues a token with an empty access list).
    /// </summary>
    public static RegistryScope Login { get; } = new("", "", "");

    public override string ToString() => ResourceType.Length == 0 ? "" : $"{ResourceType}:{ResourceName}:{Actions}";
}
