namespace ContainerPS.Engine.Registry;

/// <summary>
/// What a request needs access to, as a token server's <c>scope</c> names it (distribution docs spec/auth/scope.md:
/// <c>resourcetype:resourcename:actions</c>): pulling one repository, pushing to one (while reading another to mount a
/// blob from it), or reading the registry's catalog.
/// </summary>
internal sealed record RegistryScope(string ResourceType, string ResourceName, string Actions)
{
    /// <summary>Read access to a repository's manifests, blobs and tags.</summary>
    public static RegistryScope Pull(string repositoryPath) => new("repository", repositoryPath, "pull");

    /// <summary>Write access to a repository; pull comes with it, since a push reads what is already there (HEAD).</summary>
    public static RegistryScope Push(string repositoryPath) => new("repository", repositoryPath, "pull,push");

    /// <summary>
    /// Push to <paramref name="repositoryPath"/> and pull from <paramref name="mountFrom"/>: a cross-repository mount needs
    /// both in one token (distribution-spec spec.md, "Mounting a blob from another repository").
    /// </summary>
    public static RegistryScope PushMountingFrom(string repositoryPath, string mountFrom) =>
        Push(repositoryPath) with { MountSource = Pull(mountFrom) };

    /// <summary>The catalog of every repository (scope.md: <c>registry:catalog:*</c>).</summary>
    public static RegistryScope Catalog { get; } = new("registry", "catalog", "*");

    /// <summary>
    /// No resource: a token that only proves who the user is, as docker login asks for (the token request has no
    /// <c>scope</c>; token.md: the server then issues a token with an empty access list).
    /// </summary>
    public static RegistryScope Login { get; } = new("", "", "");

    /// <summary>The repository a mount reads from, asked for in the same token; null for a single-repository request.</summary>
    public RegistryScope? MountSource { get; init; }

    /// <summary>Every <c>scope</c> value a token request sends (one parameter each, token.md "Requesting a Token"); none for a login.</summary>
    public IReadOnlyList<string> TokenScopes =>
        ResourceType.Length == 0 ? [] : MountSource is null ? [ToString()] : [ToString(), MountSource.ToString()];

    /// <summary>Tells apart the tokens this scope may share: a mounting token covers more than a plain push token.</summary>
    public string CacheKey => string.Join(' ', TokenScopes);

    public override string ToString() => ResourceType.Length == 0 ? "" : $"{ResourceType}:{ResourceName}:{Actions}";
}
