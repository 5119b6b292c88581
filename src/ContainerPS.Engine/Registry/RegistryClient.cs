using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// A client of the OCI distribution API (distribution-spec v1.1) for any number of registries: pulling manifests,
/// blobs, tag lists and the catalog, and pushing blobs and manifests, with anonymous, Basic and Bearer-token authentication, retries, and redirects
/// that never carry credentials to another host. One instance is meant to serve a whole pull (it caches schemes
/// and tokens) and is safe for concurrent use.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ManifestReader _manifests;
    private readonly BlobReader _blobs;
    private readonly TagLister _tags;
    private readonly CatalogReader _catalog;
    private readonly BlobUploader _uploads;
    private readonly ManifestWriter _manifestWriter;
    private readonly CredentialVerifier _login;

    public RegistryClient(RegistryOptions options) : this(options, TimeProvider.System)
    {
    }

    internal RegistryClient(RegistryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retry = new RetryPolicy(Math.Max(0, options.MaxRetries), options.RetryBaseDelay, time);
        var insecure = new InsecureHostPolicy(options);
        _http = RegistryHttpClient.Create(insecure.IsInsecureTlsHost);
        var endpoints = new EndpointResolver(_http, insecure, retry);
        var credentials = options.Credentials ?? new DockerConfigCredentialProvider();
        var authenticator = new RegistryAuthenticator(credentials, new TokenCache(time), new BearerTokenFetcher(_http, retry, time));
        var transport = new RegistryTransport(endpoints, authenticator, retry, new RedirectFollower(_http));
        _manifests = new ManifestReader(transport);
        _blobs = new BlobReader(transport);
        var lists = new PagedListReader(transport);
        _tags = new TagLister(lists, Math.Max(1, options.TagPageSize));
        _catalog = new CatalogReader(lists, Math.Max(1, options.CatalogPageSize));
        _uploads = new BlobUploader(transport, Math.Max(1, options.UploadChunkBytes));
        _manifestWriter = new ManifestWriter(transport);
        _login = new CredentialVerifier(transport);
    }

    /// <summary>The manifest or index <paramref name="reference"/> names (its digest wins over its tag), verified.</summary>
    public Task<ManifestResponse> GetManifestAsync(ImageReference reference, CancellationToken ct) =>
        _manifests.GetAsync(reference, ct);

    /// <summary>A small blob (a config) read whole, at most <paramref name="maxBytes"/>, its size and digest verified.</summary>
    public Task<byte[]> GetBlobAsync(ImageReference repository, Descriptor blob, long maxBytes, CancellationToken ct) =>
        _blobs.GetAsync(repository, blob, maxBytes, ct);

    /// <summary>
    /// The blob's bytes from <paramref name="offset"/> to its size, resumed transparently when the connection drops.
    /// The caller verifies the digest while it reads.
    /// </summary>
    public Task<Stream> OpenBlobAsync(ImageReference repository, Descriptor blob, long offset, CancellationToken ct) =>
        _blobs.OpenAsync(repository, blob, offset, ct);

    /// <summary>Every tag of the repository, page after page.</summary>
    public Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken ct) =>
        _tags.ListAsync(repository, ct);

    /// <summary>Every repository of the registry at <paramref name="domain"/> (<c>host:port</c>), page after page.</summary>
    public Task<IReadOnlyList<string>> ListRepositoriesAsync(string domain, CancellationToken ct) =>
        _catalog.ListAsync(domain, ct);

    /// <summary>Whether the repository holds the blob (HEAD), asking for push access as a push does.</summary>
    public Task<bool> BlobExistsAsync(ImageReference repository, Digest digest, CancellationToken ct) =>
        _uploads.ExistsAsync(repository, digest, ct);

    /// <summary>
    /// Makes the repository hold the blob: already there, mounted from <paramref name="mountFrom"/> (a repository path on the same
    /// registry) when given and the registry agrees, or uploaded from <paramref name="openAt"/> (the blob's bytes from an offset).
    /// </summary>
    public Task<BlobPushOutcome> PushBlobAsync(ImageReference repository, Descriptor blob, string? mountFrom, Func<long, Stream> openAt,
        IProgress<long>? progress, CancellationToken ct) =>
        _uploads.PushAsync(repository, blob, mountFrom, openAt, progress, ct);

    /// <summary>Stores a manifest or index under the reference's tag or digest; returns the digest of the bytes.</summary>
    public Task<Digest> PutManifestAsync(ImageReference reference, string mediaType, byte[] content, CancellationToken ct) =>
        _manifestWriter.PutAsync(reference, mediaType, content, ct);
    /// <summary>Checks that the registry at <paramref name="domain"/> accepts the credentials the options give (docker login).</summary>
    public Task VerifyCredentialsAsync(string domain, CancellationToken ct) => _login.VerifyAsync(domain, ct);

    public void Dispose() => _http.Dispose();
}
