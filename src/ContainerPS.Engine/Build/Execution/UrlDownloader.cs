using System.Net;
using System.Security.Cryptography;
using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Downloads ADD's URL sources into the build's private directory before the step's cache key is made: BuildKit keys
/// an http source by the checksum of what it downloaded, so a URL whose content changed is a cache miss and one
/// whose content did not is a hit. <c>ADD --checksum=sha256:...</c> (Dockerfile reference, "ADD --checksum") is
/// verified here. Failures are <c>BuildDownloadFailed</c> (with the HTTP status when there was one) and
/// <c>BuildChecksumMismatch</c>.
/// </summary>
internal sealed class UrlDownloader(string directory)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = TimeSpan.FromMinutes(30),
    };

    public async Task<DownloadedFile> DownloadAsync(Uri url, string? checksum, SourceLocation at, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N"));
        try
        {
            var file = await FetchAsync(url, path, at, ct).ConfigureAwait(false);
            if (checksum is not null && !string.Equals(checksum, file.Digest, StringComparison.OrdinalIgnoreCase))
                throw BuildErrors.ChecksumMismatch(at, url, checksum, file.Digest);
            return file;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static async Task<DownloadedFile> FetchAsync(Uri url, string path, SourceLocation at, CancellationToken ct)
    {
        try
        {
            using var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw BuildErrors.DownloadFailed(at, url, (int)response.StatusCode, response.ReasonPhrase ?? response.StatusCode.ToString());
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true))
            {
                await CopyHashingAsync(body, output, hash, ct).ConfigureAwait(false);
            }
            return new DownloadedFile(path, "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), response.Content.Headers.LastModified);
        }
        catch (HttpRequestException e)
        {
            throw BuildErrors.DownloadFailed(at, url, (int?)e.StatusCode, e.Message, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw BuildErrors.DownloadFailed(at, url, null, "the server did not answer in time", e);
        }
        catch (IOException e)
        {
            throw BuildErrors.DownloadFailed(at, url, null, e.Message, e);
        }
    }

    private static async Task CopyHashingAsync(Stream body, Stream output, IncrementalHash hash, CancellationToken ct)
    {
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
        }
    }
}
