using System.Globalization;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Where an upload stands, as the registry last said (distribution-spec spec.md, "Pushing blobs"): the <c>Location</c> to send
/// the next request to (resolved against the request it answered, RFC 9110 section 10.2.2; it may carry the registry's own
/// state in its query), how many bytes it holds (from <c>Range: 0-&lt;end&gt;</c>), and the smallest chunk it takes
/// (<c>OCI-Chunk-Min-Length</c>).
/// </summary>
internal sealed record UploadSession(Uri Location, long Offset, long MinChunkLength)
{
    public static UploadSession From(HttpResponseMessage response, long offsetWithoutRange, long minChunkLength = 0)
    {
        var request = response.RequestMessage!.RequestUri!;
        var location = response.Headers.Location
            ?? throw Fail.FailedPrecondition("UnexpectedRegistryResponse", $"The registry {request.Authority} started or moved an upload without a Location header.", request.ToString());
        var next = location.IsAbsoluteUri ? location : new Uri(request, location);
        var min = Header(response, "OCI-Chunk-Min-Length") is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : minChunkLength;
        return new UploadSession(next, OffsetFrom(Header(response, "Range")) ?? offsetWithoutRange, min);
    }

    /// <summary>The URI that completes the upload: its Location with <c>digest=</c> added to whatever query it has.</summary>
    public Uri CompletionUri(Oci.Digest digest)
    {
        var separator = string.IsNullOrEmpty(Location.Query) ? "?" : "&";
        return new Uri(Location + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
    }

    /// <summary>
    /// <c>0-&lt;end&gt;</c> means end+1 bytes are held. Distribution answers <c>0-0</c> for an empty upload as well as for one byte;
    /// it is read as empty, and a registry that holds the byte refuses the next chunk's range, which starts the blob afresh.
    /// </summary>
    private static long? OffsetFrom(string? range)
    {
        if (range is null) return null;
        var parts = range.Trim().Split('-');
        if (parts is not [var from, var to] || from != "0" || !long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var end)) return null;
        return end == 0 ? 0 : end + 1;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
