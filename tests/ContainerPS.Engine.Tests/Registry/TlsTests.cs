using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class TlsTests(RegistryFixture registry)
{
    [Fact]
    public async Task A_loopback_registry_with_a_self_signed_certificate_is_reached_over_HTTPS_like_a_docker_insecure_registry()
    {
        var tls = WriteSelfSignedCertificate(Path.Combine(registry.WorkDir, $"tls-{Guid.NewGuid():N}"));
        using var server = await RegistryServer.StartAsync(registry.WorkDir, registry.StorageDir, tls: tls);
        using var client = Client();

        var manifest = await client.GetManifestAsync(Ref(server.Host, $"{Repository}:v1"), CancellationToken.None);

        Assert.Equal(registry.Image.Manifest, manifest.Content);
        // The server speaks TLS only: plain HTTP gets the Go server's "HTTP request to an HTTPS server" refusal.
        using var plain = new HttpClient();
        using var refused = await plain.GetAsync(new Uri(server.BaseUri, $"/v2/{Repository}/manifests/v1"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static (string Certificate, string Key) WriteSelfSignedCertificate(string directory)
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var files = (Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem"));
        File.WriteAllText(files.Item1, certificate.ExportCertificatePem());
        File.WriteAllText(files.Item2, key.ExportPkcs8PrivateKeyPem());
        return files;
    }
}
