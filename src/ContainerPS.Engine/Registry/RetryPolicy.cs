using System.Net;
using System.Security.Authentication;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Retries a request on 429, on transient 5xx and on dropped connections, with exponential backoff and jitter,
/// honouring <c>Retry-After</c> (distribution-spec spec.md, error code TOOMANYREQUESTS; RFC 9110 section 10.2.3).
/// A connection that still fails after the last retry becomes <c>RegistryUnavailable</c>, naming the host.
/// </summary>
internal sealed class RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeProvider time)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a registry may stay silent, before its headers or between body reads, before the connection counts
    /// as dropped: one that accepts the connection and then says nothing must not hang a pull forever.
    /// </summary>
    public static readonly TimeSpan SilenceTimeout = TimeSpan.FromSeconds(60);

    public int MaxRetries => maxRetries;

    /// <summary>Sends until the response is not transient or the retries are spent; the last response is returned as is.</summary>
    public async Task<HttpResponseMessage> SendAsync(string host, Func<CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken ct)
    {
        for (var retry = 0; ; retry++)
        {
            HttpResponseMessage response;
            try
            {
                using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attemptCts.CancelAfter(SilenceTimeout);
                response = await attempt(attemptCts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionFailure(e, ct))
            {
                if (retry >= maxRetries) throw Unreachable(host, e);
                await DelayAsync(retry, null, ct).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
            {
                throw TlsFailed(host, e);
            }

            if (!IsTransient(response.StatusCode) || retry >= maxRetries) return response;
            var retryAfter = RetryAfter(response);
            response.Dispose();
            await DelayAsync(retry, retryAfter, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends once, with the same TLS error as <see cref="SendAsync"/>, and a dropped connection thrown as it is: for an
    /// upload whose lost part the caller asks the registry about before it sends again. The caller watches for silence,
    /// since sending a large body may rightly take longer than <see cref="SilenceTimeout"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendOnceAsync(string host, Func<CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken ct)
    {
        try
        {
            return await attempt(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw TlsFailed(host, e);
        }
    }

    /// <summary>
    /// Runs an operation again when it fails on the connection (a body cut off while it is read); its requests are
    /// retried by <see cref="SendAsync"/> already, so what fails there arrives here as an error and is not repeated.
    /// </summary>
    public async Task<T> RunAsync<T>(string host, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await operation(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionFailure(e, ct))
            {
                if (retry >= maxRetries) throw Unreachable(host, e);
            }
            await DelayAsync(retry, null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits before retry number <paramref name="retry"/> (0-based).</summary>
    public Task DelayAsync(int retry, TimeSpan? retryAfter, CancellationToken ct) =>
        Task.Delay(Backoff(retry, retryAfter), time, ct);

    /// <summary>base * 2^retry, scaled by a random factor in [0.5, 1) so that parallel downloads do not retry in step.</summary>
    public TimeSpan Backoff(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after) return after < MaxDelay ? after : MaxDelay;
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 16));
        var jittered = exponential * (0.5 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests ||
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>A refused, reset or timed-out connection; not a TLS failure (retrying cannot fix a certificate) and not the caller's cancellation.</summary>
    public static bool IsConnectionFailure(Exception e, CancellationToken ct) => e switch
    {
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException or IOException => true,
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    private static ContainerPSException TlsFailed(string host, HttpRequestException e) =>
        Fail.Unavailable("RegistryTlsFailed",
            $"The TLS connection to {host} failed ({e.InnerException!.Message}); if the registry is trusted, list it as insecure or skip TLS verification.", host, e);

    public static ContainerPSException Unreachable(string host, Exception e) =>
        Fail.Unavailable("RegistryUnavailable", $"Cannot reach the registry {host}: {e.Message}", host, e);

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}
