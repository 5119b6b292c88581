using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Reference;

/// <summary>
/// Parses and normalises references with the grammar of distribution/reference (reference.go, normalize.go):
/// <code>
/// reference := name [ ":" tag ] [ "@" digest ]
/// name      := [domain '/'] remote-name
/// </code>
/// The first path component is a domain only when it contains '.' or ':', is <c>localhost</c>, or has an
/// uppercase letter; otherwise the domain is docker.io, and a single-component name gets <c>library/</c>.
/// </summary>
public static partial class ReferenceParser
{
    private const int MaxNameLength = 255;

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex PathComponent();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-f0-9]{64}$")]
    private static partial Regex BareImageId();

    public static ImageReference Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Invalid(text, "it is empty");
        var rest = text.Trim();

        Digest? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (!Digest.TryParse(rest[(at + 1)..], out var parsed)) throw Invalid(text, "the digest is not sha256:<64 hex> or sha512:<128 hex>");
            digest = parsed;
            rest = rest[..at];
        }

        string? tag = null;
        var lastColon = rest.LastIndexOf(':');
        if (lastColon > rest.LastIndexOf('/'))
        {
            tag = rest[(lastColon + 1)..];
            if (!TagPattern().IsMatch(tag)) throw Invalid(text, $"'{tag}' is not a valid tag");
            rest = rest[..lastColon];
        }

        var (domain, path) = SplitDomain(text, rest);
        if (domain.Length + 1 + path.Length > MaxNameLength) throw Invalid(text, $"the name is longer than {MaxNameLength} characters");
        if (tag is null && digest is null) tag = ImageReference.DefaultTag;
        return new ImageReference(domain, path, tag, digest);
    }

    public static bool TryParse(string? text, out ImageReference? reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (ContainerPSException)
        {
            reference = null;
            return false;
        }
    }

    internal static string ValidateTag(string tag) =>
        TagPattern().IsMatch(tag) ? tag : throw Fail.InvalidArgument("InvalidReference", $"'{tag}' is not a valid tag.", tag);

    private static (string Domain, string Path) SplitDomain(string original, string name)
    {
        if (name.Length == 0) throw Invalid(original, "the repository name is empty");
        if (BareImageId().IsMatch(name)) throw Invalid(original, "a 64-character hex string is an image id, not a repository name");

        var slash = name.IndexOf('/');
        string domain, path;
        if (slash < 0 || !LooksLikeDomain(name[..slash]))
        {
            domain = ImageReference.DockerHubDomain;
            path = name;
        }
        else
        {
            domain = name[..slash];
            path = name[(slash + 1)..];
            if (!DomainPattern().IsMatch(domain)) throw Invalid(original, $"'{domain}' is not a valid registry host");
        }

        if (domain == "index.docker.io") domain = ImageReference.DockerHubDomain;
        if (domain == ImageReference.DockerHubDomain && !path.Contains('/')) path = "library/" + path;

        foreach (var component in path.Split('/'))
        {
            if (!PathComponent().IsMatch(component))
                throw Invalid(original, $"'{component}' is not a valid repository component (lowercase letters, digits and single separators . _ __ -)");
        }

        return (domain, path);
    }

    /// <summary>Whether the first component of a name is a registry host rather than part of a Docker Hub path.</summary>
    public static bool LooksLikeDomain(string first) =>
        first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper);

    private static ContainerPSException Invalid(string? text, string why) =>
        Fail.InvalidArgument("InvalidReference", $"'{text}' is not a valid image reference: {why}.", text);
}
