namespace ContainerPS.Engine.Registry;

/// <summary>How to reach registries: credentials, TLS and plain-HTTP policy, retries.</summary>
public sealed record RegistryOptions
{
    /// <summary>Where credentials come from; null means Docker's config.json only.</summary>
    public ICredentialProvider? Credentials { get; init; }

    /// <summary>Accept any TLS certificate (docker's --tls-verify=false); also allows plain HTTP.</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>Hosts (host or host:port) that may be reached over plain HTTP, beside loopback hosts which always may.</summary>
    public IReadOnlyCollection<string> InsecureHosts { get; init; } = [];

    /// <summary>How many times a request is retried on 429, 5xx and dropped connections.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff delay; it doubles on each retry (with jitter), honouring Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many tags to ask for per page when listing tags (the registry may send fewer and a next link).</summary>
    public int TagPageSize { get; init; } = 1000;

    /// <summary>
    /// Blobs up to this size are uploaded in one PUT; larger ones in PATCH chunks of this size, so that a dropped connection
    /// costs at most one chunk where the registry can resume. 16 MiB keeps the requests of a large layer few.
    /// </summary>
    public long UploadChunkBytes { get; init; } = 16L << 20;

    /// <summary>How many repositories to ask for per page when listing a registry's catalog.</summary>
    public int CatalogPageSize { get; init; } = 1000;
}
