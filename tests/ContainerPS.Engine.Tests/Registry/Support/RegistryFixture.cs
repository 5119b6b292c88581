using System.Diagnostics;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// Three real registries on loopback over one storage directory: anonymous (also used to upload), Basic auth
/// (htpasswd) and token auth (with a <see cref="TokenIssuer"/>). The content is pushed once, by HTTP, at start.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Repository = "test/app";
    public static readonly string[] TokenRepositories = ["tok/a", "tok/b", "tok/c", "tok/d", "tok/e", "tok/push"];
    public static readonly string[] AppTags = ["v1", "docker", "multi", "t1", "t2", "t3", "t4"];

    private readonly string _root = Directory.CreateTempSubdirectory("containerps-registry-").FullName;

    public TestImage Image { get; } = TestImage.Create(payloadBytes: 256 * 1024, seed: 1);

    public TestImage DockerImage { get; } = TestImage.Create(payloadBytes: 1024, seed: 2, dockerMediaTypes: true);

    public RegistryServer Anonymous { get; private set; } = null!;

    public RegistryServer Basic { get; private set; } = null!;

    public RegistryServer Token { get; private set; } = null!;

    public TokenIssuer Issuer { get; } = new();

    public string WorkDir => _root;

    public string StorageDir => Path.Combine(_root, "storage");

    public async Task InitializeAsync()
    {
        var storage = StorageDir;
        var htpasswd = Path.Combine(_root, "htpasswd");
        var certificate = Path.Combine(_root, "issuer.pem");
        await File.WriteAllTextAsync(htpasswd, await HtpasswdLineAsync(TokenIssuer.User, TokenIssuer.Password));
        await File.WriteAllTextAsync(certificate, Issuer.CertificatePem);

        var starting = new[]
        {
            RegistryServer.StartAsync(_root, storage),
            RegistryServer.StartAsync(_root, storage, $"  htpasswd:\n    realm: containerps-test\n    path: {htpasswd}\n"),
            RegistryServer.StartAsync(_root, storage,
                $"  token:\n    realm: {Issuer.Realm}\n    service: {TokenIssuer.Service}\n    issuer: {TokenIssuer.Issuer}\n    rootcertbundle: {certificate}\n"),
        };
        var servers = await Task.WhenAll(starting);
        (Anonymous, Basic, Token) = (servers[0], servers[1], servers[2]);
        await PushContentAsync();
    }

    private async Task PushContentAsync()
    {
        using var uploader = new RegistryUploader(Anonymous.BaseUri);
        foreach (var tag in AppTags.Except(["docker", "multi"])) await uploader.PushAsync(Repository, tag, Image);
        await uploader.PushAsync(Repository, "docker", DockerImage);
        await uploader.PushManifestAsync(Repository, "multi", Image.Index(), MediaTypes.OciIndex);
        foreach (var repository in TokenRepositories) await uploader.PushAsync(repository, "v1", Image);
    }

    /// <summary>A bcrypt htpasswd line (distribution's htpasswd auth accepts bcrypt only).</summary>
    private static async Task<string> HtpasswdLineAsync(string user, string password)
    {
        var start = new ProcessStartInfo("htpasswd", ["-Bbn", user, password]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("htpasswd failed (apt-get install apache2-utils)");
        return line.Trim() + "\n";
    }

    /// <summary>A client that does not read the user's Docker config and retries quickly.</summary>
    public static RegistryClient Client(ICredentialProvider? credentials = null, int maxRetries = 3, int tagPageSize = 1000, int catalogPageSize = 1000) =>
        new(Options(credentials, maxRetries, tagPageSize, catalogPageSize));

    public static RegistryOptions Options(ICredentialProvider? credentials = null, int maxRetries = 3, int tagPageSize = 1000, int catalogPageSize = 1000) => new()
    {
        Credentials = credentials ?? new StaticCredentialProvider("none.invalid", new RegistryCredential("x", "y")),
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        TagPageSize = tagPageSize,
        CatalogPageSize = catalogPageSize,
    };

    public static ImageReference Ref(string host, string repositoryAndTagOrDigest) =>
        ImageReference.Parse($"{host}/{repositoryAndTagOrDigest}");

    public async Task DisposeAsync()
    {
        Anonymous?.Dispose();
        Basic?.Dispose();
        Token?.Dispose();
        await Issuer.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
