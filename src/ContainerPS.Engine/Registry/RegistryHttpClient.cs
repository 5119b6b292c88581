using System.Net;
using System.Net.Security;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// The one HttpClient a <see cref="RegistryClient"/> uses: redirects followed by hand (see <see cref="RedirectFollower"/>),
/// bodies as sent (digests are over the exact bytes), pooled connections enough for parallel layer downloads, and
/// certificates verified except for hosts the options call insecure.
/// </summary>
internal static class RegistryHttpClient
{
    public static HttpClient Create(Func<string, bool> isInsecureHost)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            MaxConnectionsPerServer = 32,
            SslOptions = new SslClientAuthenticationOptions
            {
                // SslStream is the sender; its TargetHostName is the host this connection is for.
                RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                    errors == SslPolicyErrors.None || (sender is SslStream stream && isInsecureHost(stream.TargetHostName)),
            },
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ContainerPS/0.1");
        return client;
    }
}
