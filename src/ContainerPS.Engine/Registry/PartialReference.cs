using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// An image reference as far as it has been typed, for completion: <c>host/path:ta</c> asks for the tags of
/// <c>host/path</c> that start with <c>ta</c>, <c>host/pa</c> for the repositories of <c>host</c> that start with
/// <c>pa</c>. Only a word that names its registry, with a first component that is a host by the reference grammar
/// (<see cref="ReferenceParser.LooksLikeDomain"/>), is one: the default registry is never asked implicitly.
/// </summary>
/// <param name="Repository">The repository whose tags are wanted; null when repositories are wanted.</param>
public sealed record PartialReference(string Domain, ImageReference? Repository, string Prefix)
{
    public bool WantsTags => Repository is not null;

    /// <summary>Whether <paramref name="text"/> starts with a registry host and a '/' (<c>host:port/…</c>, <c>localhost/…</c>).</summary>
    public static bool NamesRegistry(string text)
    {
        var slash = text.IndexOf('/');
        return slash > 0 && ReferenceParser.LooksLikeDomain(text[..slash]);
    }

    /// <summary>The partial reference <paramref name="word"/> is, or null when it does not name a registry (or has a digest).</summary>
    public static PartialReference? Parse(string word)
    {
        if (!NamesRegistry(word) || word.Contains('@')) return null;
        var slash = word.IndexOf('/');
        var domain = word[..slash];
        var rest = word[(slash + 1)..];
        var colon = rest.LastIndexOf(':');
        if (colon < 0) // any valid repository name under the host proves the host valid
            return ReferenceParser.TryParse($"{domain}/x", out _) ? new PartialReference(domain, null, rest) : null;
        return ReferenceParser.TryParse($"{domain}/{rest[..colon]}", out var repository)
            ? new PartialReference(domain, repository, rest[(colon + 1)..])
            : null;
    }
}
