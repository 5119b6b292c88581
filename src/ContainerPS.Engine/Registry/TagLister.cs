using System.Text.Json;
using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/tags/list?n=</c>, following <c>Link: &lt;…&gt;; rel="next"</c> (distribution-spec spec.md,
/// "Listing Tags"), with a bounded number of pages, each read at most 4 MiB, and next links kept on the registry's host.
/// </summary>
internal sealed partial class TagLister(RegistryTransport transport, int pageSize)
{
    private const int MaxPages = 1000;
    private const int MaxPageBytes = 4 * 1024 * 1024;

    [GeneratedRegex("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextLink();

    public async Task<IReadOnlyList<string>> ListAsync(ImageReference repository, CancellationToken ct)
    {
        var tags = new List<string>();
        string? next = $"/v2/{repository.Path}/tags/list?n={pageSize}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; next is not null; page++)
        {
            if (page >= MaxPages || !seen.Add(next))
                throw Fail.FailedPrecondition("TooManyTagPages", $"Listing the tags of {repository.Repository} did not end after {page} pages.", repository.Repository);
            next = await ReadPageAsync(repository, next, tags, ct).ConfigureAwait(false);
        }
        return tags;
    }

    /// <summary>Reads one page into <paramref name="tags"/>; returns the next page's link or null.</summary>
    private async Task<string?> ReadPageAsync(ImageReference repository, string link, List<string> tags, CancellationToken ct)
    {
        RegistryEndpoint? endpoint = null;
        using var response = await transport.GetBufferedAsync(repository.Domain, repository.Path, e => (endpoint = e).ApiUri(link), null, MaxPageBytes,
            () => Fail.DataIntegrity("TagListTooLarge", $"A page of tags of {repository.Repository} is larger than {MaxPageBytes} bytes.", repository.Repository), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Tags, repository.Repository, ct).ConfigureAwait(false);

        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        tags.AddRange(Parse(body, repository).Tags ?? []);
        return NextLinkOf(response, endpoint!, repository);
    }

    private static TagList Parse(byte[] body, ImageReference repository)
    {
        try
        {
            return JsonSerializer.Deserialize(body, RegistryJsonContext.Default.TagList) ?? new TagList();
        }
        catch (JsonException e)
        {
            throw Fail.DataIntegrity("InvalidTagList", $"The tag list of {repository.Repository} is not valid JSON: {e.Message}", repository.Repository, e);
        }
    }

    /// <summary>The next link, relative to the registry; a link to another host is refused (credentials would follow it).</summary>
    private static string? NextLinkOf(HttpResponseMessage response, RegistryEndpoint endpoint, ImageReference repository)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        var match = values.Select(v => NextLink().Match(v)).FirstOrDefault(m => m.Success);
        if (match is null) return null;
        var next = new Uri(response.RequestMessage!.RequestUri!, match.Groups[1].Value);
        if (!endpoint.Owns(next))
            throw Fail.FailedPrecondition("UnexpectedRegistryResponse", $"The tag list of {repository.Repository} links to another host: {next.Authority}.", repository.Repository);
        return next.PathAndQuery;
    }
}
