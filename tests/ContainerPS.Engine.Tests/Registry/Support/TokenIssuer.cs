using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// A token server for the real registry's <c>auth: token:</c> mode (distribution docs, spec/auth/token.md): it signs
/// RS256 JWTs whose header carries the self-signed certificate in <c>x5c</c>; that certificate is the registry's
/// <c>rootcertbundle</c>, which is how distribution 2.8 (registry/auth/token/token.go) finds and trusts the key.
/// Anonymous requests get pull access; Basic <c>alice:secret</c> gets pull and push; other credentials are refused; the
/// OAuth2 refresh-token grant accepts <see cref="RefreshToken"/> (for pull).
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string Service = "containerps-test-registry";
    public const string Issuer = "containerps-test-issuer";
    public const string User = "alice";
    public const string Password = "secret";
    public const string RefreshToken = "refresh-me";

    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly LoopbackHttpServer _server;

    public TokenIssuer()
    {
        var request = new CertificateRequest($"CN={Issuer}", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _server = new LoopbackHttpServer(request1 => Task.FromResult(Answer(request1)));
    }

    public Uri Realm => new(_server.BaseUri, "/token");

    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>Every token request, in order.</summary>
    public ConcurrentQueue<TestHttpRequest> Requests { get; } = new();

    /// <summary>The token requests whose scope names <paramref name="repository"/>.</summary>
    public IReadOnlyList<TestHttpRequest> RequestsFor(string repository) =>
        Requests.Where(r => ScopeOf(r)?.Contains($"repository:{repository}:", StringComparison.Ordinal) == true).ToList();

    public static string? ScopeOf(TestHttpRequest request) => Parameters(request)["scope"];

    /// <summary>Every scope asked for: a GET may repeat the parameter, the OAuth2 form separates them with spaces.</summary>
    public static IReadOnlyList<string> ScopesOf(System.Collections.Specialized.NameValueCollection parameters) =>
        (parameters.GetValues("scope") ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public static System.Collections.Specialized.NameValueCollection Parameters(TestHttpRequest request) =>
        request.Method == "POST"
            ? HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body))
            : HttpUtility.ParseQueryString(request.Target.Contains('?') ? request.Target[(request.Target.IndexOf('?') + 1)..] : "");

    private TestHttpResponse Answer(TestHttpRequest request)
    {
        Requests.Enqueue(request);
        var parameters = Parameters(request);
        if (!IsAllowed(request, parameters)) return TestHttpResponse.Text(401, """{"details":"bad credentials"}""");
        var pushAllowed = request.Method == "GET" && request.Header("Authorization") is not null;
        var token = Sign(ScopesOf(parameters), pushAllowed);
        // Token servers answer with "token", OAuth2 ones with "access_token": use the latter for the OAuth2 grant.
        var field = request.Method == "POST" ? "access_token" : "token";
        return TestHttpResponse.Text(200, new JsonObject { [field] = token, ["expires_in"] = 300 }.ToJsonString())
            .With("Content-Type", "application/json");
    }

    private static bool IsAllowed(TestHttpRequest request, System.Collections.Specialized.NameValueCollection parameters)
    {
        if (request.Method == "POST") return parameters["grant_type"] == "refresh_token" && parameters["refresh_token"] == RefreshToken;
        var authorization = request.Header("Authorization");
        if (authorization is null) return true;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        return authorization == expected;
    }

    private string Sign(IReadOnlyList<string> scopes, bool pushAllowed)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)),
        };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = "test",
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = Access(scopes, pushAllowed),
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>
    /// Grants pull (and push, when <paramref name="pushAllowed"/>) on each repository a scope names (<c>repository:name:pull,push</c>)
    /// and reading the catalog (<c>registry:catalog:*</c>), nothing else.
    /// </summary>
    private static JsonArray Access(IReadOnlyList<string> scopes, bool pushAllowed)
    {
        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            if (scope.Split(':') is ["repository", var name, var actions])
            {
                var granted = actions.Split(',').Where(a => a == "pull" || (a == "push" && pushAllowed)).Select(a => (JsonNode)a!).ToArray();
                if (granted.Length > 0) access.Add(new JsonObject { ["type"] = "repository", ["name"] = name, ["actions"] = new JsonArray(granted) });
            }
            if (scope == "registry:catalog:*")
                access.Add(new JsonObject { ["type"] = "registry", ["name"] = "catalog", ["actions"] = new JsonArray("*") });
        }
        return access;
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
        _key.Dispose();
    }
}
