using System.Net;
using System.Net.Http.Headers;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Pushes one blob (distribution-spec spec.md, "Pushing blobs"): <c>HEAD</c> first and nothing more when the repository has
/// it; a cross-repository mount when a repository of the same registry may hold it; else an upload session, sent whole with one
/// <c>PUT</c> up to <paramref name="chunkLength"/> bytes, or in <c>PATCH</c> chunks with <c>Content-Range</c>. A chunk whose
/// connection drops is resumed from the <c>Range</c> the registry reports for the session; a registry that lost or refuses
/// the session (distribution 2.8 cancels one whose size no longer matches its state) gets the blob afresh, at most the
/// retry policy's number of times.
/// </summary>
internal sealed class BlobUploader(RegistryTransport transport, long chunkLength)
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    public async Task<bool> ExistsAsync(ImageReference repository, Digest digest, CancellationToken ct)
    {
        var path = $"/v2/{repository.Path}/blobs/{digest}";
        using var response = await transport.SendAsync(HttpMethod.Head, repository.Domain, RegistryScope.Push(repository.Path),
            e => e.ApiUri(path), null, RetryOnDrop.Yes, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Upload, $"{repository.Repository}@{digest}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the repository hold <paramref name="blob"/>; <paramref name="openAt"/> opens the blob's bytes at an offset, and
    /// <paramref name="progress"/> hears how many bytes of it the registry has been sent so far.
    /// </summary>
    public async Task<BlobPushOutcome> PushAsync(ImageReference repository, Descriptor blob, string? mountFrom, Func<long, Stream> openAt,
        IProgress<long>? progress, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (await ExistsAsync(repository, blob.Digest, ct).ConfigureAwait(false)) return BlobPushOutcome.Existed;
                var session = await StartAsync(repository, blob.Digest, mountFrom, ct).ConfigureAwait(false);
                if (session is null) return BlobPushOutcome.Mounted;
                await UploadAsync(repository, blob, session, openAt, progress, ct).ConfigureAwait(false);
                return BlobPushOutcome.Uploaded;
            }
            catch (Exception e) when (IsWorthStartingAfresh(e, ct) && attempt < transport.Retry.MaxRetries)
            {
                progress?.Report(0);
                await transport.Retry.DelayAsync(attempt, null, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (RetryPolicy.IsConnectionFailure(e, ct))
            {
                throw RetryPolicy.Unreachable(repository.Domain, e);
            }
        }
    }

    private static bool IsWorthStartingAfresh(Exception e, CancellationToken ct) =>
        RetryPolicy.IsConnectionFailure(e, ct) || e is ContainerPSException { ErrorId: UploadLost };

    private const string UploadLost = "BlobUploadLost";

    /// <summary>A new session, or null when <paramref name="mountFrom"/>'s blob was mounted (201) instead.</summary>
    private async Task<UploadSession?> StartAsync(ImageReference repository, Digest digest, string? mountFrom, CancellationToken ct)
    {
        var query = mountFrom is null ? "" : $"?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(mountFrom)}";
        var scope = mountFrom is null ? RegistryScope.Push(repository.Path) : RegistryScope.PushMountingFrom(repository.Path, mountFrom);
        var path = $"/v2/{repository.Path}/blobs/uploads/{query}";
        using var response = await transport.SendAsync(HttpMethod.Post, repository.Domain, scope, e => e.ApiUri(path),
            request => request.Content = new ByteArrayContent([]), RetryOnDrop.Yes, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null) return null;
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Upload, repository.Repository, ct).ConfigureAwait(false);
        return UploadSession.From(response, offsetWithoutRange: 0);
    }

    private async Task UploadAsync(ImageReference repository, Descriptor blob, UploadSession session, Func<long, Stream> openAt,
        IProgress<long>? progress, CancellationToken ct)
    {
        if (blob.Size <= Math.Max(chunkLength, session.MinChunkLength))
        {
            await CompleteAsync(repository, blob, session, session.CompletionUri(blob.Digest), blob.Size, openAt, progress, ct).ConfigureAwait(false);
            return;
        }
        session = await SendChunksAsync(repository, blob, session, openAt, progress, ct).ConfigureAwait(false);
        await CompleteAsync(repository, blob, session, session.CompletionUri(blob.Digest), 0, openAt, progress, ct).ConfigureAwait(false);
    }

    private async Task<UploadSession> SendChunksAsync(ImageReference repository, Descriptor blob, UploadSession session, Func<long, Stream> openAt,
        IProgress<long>? progress, CancellationToken ct)
    {
        var drops = 0;
        while (session.Offset < blob.Size)
        {
            var length = Math.Min(Math.Max(chunkLength, session.MinChunkLength), blob.Size - session.Offset);
            try
            {
                session = await SendChunkAsync(repository, session, length, openAt, progress, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (RetryPolicy.IsConnectionFailure(e, ct) && drops++ < transport.Retry.MaxRetries)
            {
                await transport.Retry.DelayAsync(drops - 1, null, ct).ConfigureAwait(false);
                session = await StatusAsync(repository, session, ct).ConfigureAwait(false);
                progress?.Report(session.Offset);
            }
        }
        return session;
    }

    private async Task<UploadSession> SendChunkAsync(ImageReference repository, UploadSession session, long length, Func<long, Stream> openAt,
        IProgress<long>? progress, CancellationToken ct)
    {
        var start = session.Offset;
        using var response = await SendBodyAsync(HttpMethod.Patch, repository, session.Location, start, length, openAt, progress, ranged: true, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) throw Lost(repository, "refused the chunk's range");
        if (response.StatusCode != HttpStatusCode.Accepted) throw await UploadFailureAsync(repository, response, ct).ConfigureAwait(false);
        return UploadSession.From(response, start + length, session.MinChunkLength);
    }

    /// <summary>Asks where a session stands after a dropped chunk; a session the registry no longer has means starting afresh.</summary>
    private async Task<UploadSession> StatusAsync(ImageReference repository, UploadSession session, CancellationToken ct)
    {
        using var response = await transport.SendAsync(HttpMethod.Get, repository.Domain, RegistryScope.Push(repository.Path),
            _ => session.Location, null, RetryOnDrop.Yes, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent) return UploadSession.From(response, session.Offset, session.MinChunkLength);
        if ((int)response.StatusCode is 400 or 404 or 416) throw Lost(repository, $"answered {(int)response.StatusCode} for the upload's status");
        throw await UploadFailureAsync(repository, response, ct).ConfigureAwait(false);
    }

    /// <summary>The closing <c>PUT ?digest=</c>, carrying the whole blob or nothing; the registry checks the digest and answers 201.</summary>
    private async Task CompleteAsync(ImageReference repository, Descriptor blob, UploadSession session, Uri target, long length,
        Func<long, Stream> openAt, IProgress<long>? progress, CancellationToken ct)
    {
        using var response = await SendBodyAsync(HttpMethod.Put, repository, target, session.Offset, length, openAt, progress, ranged: false, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created) return;
        if ((int)response.StatusCode is 404 or 416) throw Lost(repository, $"answered {(int)response.StatusCode} to the upload's end");
        throw await RegistryFailures.FromResponseAsync(response, RegistryResource.Upload, $"{repository.Repository}@{blob.Digest}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a body once: a dropped connection is the caller's to resolve. A watchdog cancels the send after a minute in which no
    /// write completed and no answer came (RetryPolicy.SilenceTimeout), so a registry that stops reading cannot hang a push.
    /// </summary>
    private async Task<HttpResponseMessage> SendBodyAsync(HttpMethod method, ImageReference repository, Uri target, long offset, long length,
        Func<long, Stream> openAt, IProgress<long>? progress, bool ranged, CancellationToken ct)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        watchdog.CancelAfter(RetryPolicy.SilenceTimeout);
        var sent = offset;
        void Sent(long bytes)
        {
            watchdog.CancelAfter(RetryPolicy.SilenceTimeout);
            progress?.Report(sent += bytes);
        }
        return await transport.SendAsync(method, repository.Domain, RegistryScope.Push(repository.Path), _ => target, request =>
        {
            sent = offset;
            request.Content = new BlobSliceContent(openAt, offset, length, Sent);
            request.Content.Headers.ContentType = OctetStream;
            // Distribution's own form, without the "bytes " unit of RFC 9110 (spec.md, "Pushing a blob in chunks").
            if (ranged) request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
        }, RetryOnDrop.No, watchdog.Token).ConfigureAwait(false);
    }

    private static async Task<Exception> UploadFailureAsync(ImageReference repository, HttpResponseMessage response, CancellationToken ct) =>
        await RegistryFailures.FromResponseAsync(response, RegistryResource.Upload, repository.Repository, ct).ConfigureAwait(false);

    private static ContainerPSException Lost(ImageReference repository, string what) =>
        Fail.Unavailable(UploadLost, $"The registry {repository.Domain} {what}; the blob is sent again from its start.", repository.Repository);
}
