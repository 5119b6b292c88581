namespace ContainerPS.Engine.Registry;

/// <summary>
/// A list a registry sends page by page: where its first page is, the scope a token needs for it, and how to read
/// the names out of one page. <see cref="Noun"/> makes its error ids: <c>TooMany{Noun}Pages</c>,
/// <c>{Noun}ListTooLarge</c>, <c>Invalid{Noun}List</c>.
/// </summary>
/// <param name="Description">What is listed, for messages: "the tags of host/repo".</param>
internal sealed record PagedList(
    string Domain,
    RegistryScope Scope,
    string FirstPage,
    RegistryResource Resource,
    string Noun,
    string Description,
    string Target,
    Func<byte[], IEnumerable<string>?> ReadPage);
