using System.Text.Json;
using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Reads a <see cref="PagedList"/>, following <c>Link: &lt;…&gt;; rel="next"</c> (distribution-spec spec.md,
/// "Listing Tags"; distribution docs spec/api.md, "Listing Repositories"), with a bounded number of pages, each read
/// at most 4 MiB, and next links kept on the registry's host.
/// </summary>
internal sealed partial class PagedListReader(RegistryTransport transport)
{
    private const int MaxPages = 1000;
    private const int MaxPageBytes = 4 * 1024 * 1024;

    [GeneratedRegex("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextLink();

    public async Task<IReadOnlyList<string>> ReadAsync(PagedList list, CancellationToken ct)
    {
        var names = new List<string>();
        string? next = list.FirstPage;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; next is not null; page++)
        {
            if (page >= MaxPages || !seen.Add(next))
                throw Fail.FailedPrecondition($"TooMany{list.Noun}Pages", $"Listing {list.Description} did not end after {page} pages.", list.Target);
            next = await ReadPageAsync(list, next, names, ct).ConfigureAwait(false);
        }
        return names;
    }

    /// <summary>Reads one page into <paramref name="names"/>; returns the next page's link or null.</summary>
    private async Task<string?> ReadPageAsync(PagedList list, string link, List<string> names, CancellationToken ct)
    {
        RegistryEndpoint? endpoint = null;
        using var response = await transport.GetBufferedAsync(list.Domain, list.Scope, e => (endpoint = e).ApiUri(link), null, MaxPageBytes,
            () => Fail.DataIntegrity($"{list.Noun}ListTooLarge", $"A page of {list.Description} is larger than {MaxPageBytes} bytes.", list.Target), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RegistryFailures.FromResponseAsync(response, list.Resource, list.Target, ct).ConfigureAwait(false);

        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        names.AddRange(Parse(list, body));
        return NextLinkOf(response, endpoint!, list);
    }

    private static IEnumerable<string> Parse(PagedList list, byte[] body)
    {
        try
        {
            return list.ReadPage(body) ?? [];
        }
        catch (JsonException e)
        {
            throw Fail.DataIntegrity($"Invalid{list.Noun}List", $"A page of {list.Description} is not valid JSON: {e.Message}", list.Target, e);
        }
    }

    /// <summary>The next link, relative to the registry; a link to another host is refused (credentials would follow it).</summary>
    private static string? NextLinkOf(HttpResponseMessage response, RegistryEndpoint endpoint, PagedList list)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        var match = values.Select(v => NextLink().Match(v)).FirstOrDefault(m => m.Success);
        if (match is null) return null;
        var next = new Uri(response.RequestMessage!.RequestUri!, match.Groups[1].Value);
        if (!endpoint.Owns(next))
            throw Fail.FailedPrecondition("UnexpectedRegistryResponse", $"The list of {list.Description} links to another host: {next.Authority}.", list.Target);
        return next.PathAndQuery;
    }
}
