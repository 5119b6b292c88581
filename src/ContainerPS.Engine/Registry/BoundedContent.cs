namespace ContainerPS.Engine.Registry;

/// <summary>Reads a response body into memory, never more than a limit: registries and token servers are not trusted.</summary>
internal static class BoundedContent
{
    /// <summary>The body, or <paramref name="tooLarge"/>'s exception when it is (or claims to be) longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, Func<Exception> tooLarge, CancellationToken ct)
    {
        if (content.Headers.ContentLength > maxBytes) throw tooLarge();
        await using var body = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await body.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0) return buffer.ToArray();
            if (buffer.Length + read > maxBytes) throw tooLarge();
            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>Content that holds <paramref name="body"/> with the original content headers (Content-Type and the like).</summary>
    public static HttpContent Buffered(byte[] body, System.Net.Http.Headers.HttpContentHeaders headers)
    {
        var content = new ByteArrayContent(body);
        foreach (var (name, values) in headers) content.Headers.TryAddWithoutValidation(name, values);
        return content;
    }

    /// <summary>As much of the body as fits in <paramref name="maxBytes"/>; the rest is ignored (for error bodies).</summary>
    public static async Task<byte[]> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        await using var body = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[maxBytes];
        var filled = 0;
        while (filled < maxBytes)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        return buffer[..filled];
    }
}
