using System.Net;
using System.Net.Http.Headers;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c> (distribution-spec spec.md, "Pulling blobs"): small blobs read whole
/// and verified, large ones streamed from an offset with <c>Range</c> and resumed when the connection drops.
/// </summary>
internal sealed class BlobReader(RegistryTransport transport)
{
    public async Task<byte[]> GetAsync(ImageReference repository, Descriptor blob, long maxBytes, CancellationToken ct)
    {
        ValidateDescriptor(blob);
        if (blob.Size > maxBytes)
            throw Fail.DataIntegrity("BlobTooLarge", $"The blob {blob.Digest} is {blob.Size} bytes; at most {maxBytes} are accepted here.", blob.Digest.ToString());

        var content = new byte[blob.Size];
        await using (var stream = await OpenAsync(repository, blob, 0, ct).ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(content, ct).ConfigureAwait(false);
            // Reading past the end makes the stream check that nothing follows (BlobSizeMismatch if something does).
            await stream.ReadAsync(new byte[1], ct).ConfigureAwait(false);
        }
        if (!ContentDigest.Matches(blob.Digest, content))
            throw Fail.DataIntegrity("BlobDigestMismatch", $"The blob served as {blob.Digest} by {repository.Repository} has another digest.", blob.Digest.ToString());
        return content;
    }

    public async Task<Stream> OpenAsync(ImageReference repository, Descriptor blob, long offset, CancellationToken ct)
    {
        ValidateDescriptor(blob);
        if (offset < 0 || offset > blob.Size)
            throw Fail.InvalidArgument("InvalidBlobOffset", $"Offset {offset} is outside the blob {blob.Digest} of {blob.Size} bytes.", blob.Digest.ToString());
        var target = $"{repository.Repository}@{blob.Digest}";
        var first = offset == blob.Size ? Stream.Null : await OpenBodyAtAsync(repository, blob, offset, ct).ConfigureAwait(false);
        return new ResumableBlobStream(first, offset, blob.Size, (at, token) => OpenBodyAtAsync(repository, blob, at, token),
            transport.Retry, repository.Domain, target);
    }

    /// <summary>One GET from <paramref name="offset"/>: 206 must start there; a 200 (Range ignored) is skipped forward.</summary>
    private async Task<Stream> OpenBodyAtAsync(ImageReference repository, Descriptor blob, long offset, CancellationToken ct)
    {
        var path = $"/v2/{repository.Path}/blobs/{blob.Digest}";
        var response = await transport.GetAsync(repository.Domain, RegistryScope.Pull(repository.Path), e => e.ApiUri(path),
            request => { if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null); }, ct).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
                throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Blob, $"{repository.Repository}@{blob.Digest}", ct).ConfigureAwait(false);
            CheckLength(repository, blob, offset, response);
            var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.PartialContent && offset > 0) await SkipAsync(body, offset, repository, blob, ct).ConfigureAwait(false);
            return body;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static void CheckLength(ImageReference repository, Descriptor blob, long offset, HttpResponseMessage response)
    {
        var headers = response.Content.Headers;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            if (headers.ContentRange is not { From: var from } range || from != offset || (range.Length is { } total && total != blob.Size))
                throw Fail.DataIntegrity("BlobRangeMismatch", $"The registry answered the range request for {blob.Digest} at {offset} with '{headers.ContentRange}'.", blob.Digest.ToString());
        }
        else if (headers.ContentLength is { } length && length != blob.Size)
        {
            throw SizeMismatch(repository, blob, length.ToString());
        }
    }

    private static async Task SkipAsync(Stream body, long count, ImageReference repository, Descriptor blob, CancellationToken ct)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), ct).ConfigureAwait(false);
            if (read == 0) throw SizeMismatch(repository, blob, "fewer");
            count -= read;
        }
    }

    private static void ValidateDescriptor(Descriptor blob)
    {
        if (blob.Digest.Algorithm is null || blob.Size < 0)
            throw Fail.InvalidArgument("InvalidDescriptor", $"The descriptor needs a digest and a size that is not negative (got '{blob.Digest}', {blob.Size}).", blob);
    }

    private static ContainerPSException SizeMismatch(ImageReference repository, Descriptor blob, string actual) =>
        Fail.DataIntegrity("BlobSizeMismatch", $"{repository.Repository} served {actual} bytes for {blob.Digest}, whose descriptor says {blob.Size}.", blob.Digest.ToString());
}
