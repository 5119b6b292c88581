using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>ADD's downloads, served by a loopback HttpListener: the digest the cache key takes, status errors, --checksum.</summary>
public sealed class UrlDownloaderTests : IDisposable
{
    private static readonly SourceLocation At = new("Dockerfile", 2);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cps-download-" + Guid.NewGuid().ToString("N"));
    private readonly HttpListener _listener = new();
    private readonly string _prefix;
    private readonly Task _serving;

    public UrlDownloaderTests()
    {
        _prefix = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(_prefix);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public void Dispose()
    {
        _listener.Close();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TheDownloadIsHashedAndKeepsLastModified()
    {
        var file = await Downloader().DownloadAsync(new Uri(_prefix + "files/hello.txt"), null, At, CancellationToken.None);
        Assert.Equal("hello\n", File.ReadAllText(file.Path));
        Assert.Equal(Digest("hello\n"), file.Digest);
        Assert.Equal(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero), file.LastModified);
    }

    [Fact]
    public async Task AMatchingChecksumPasses()
    {
        var file = await Downloader().DownloadAsync(new Uri(_prefix + "files/hello.txt"), Digest("hello\n"), At, CancellationToken.None);
        Assert.True(File.Exists(file.Path));
    }

    [Fact]
    public async Task AnotherChecksumIsBuildChecksumMismatch()
    {
        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            Downloader().DownloadAsync(new Uri(_prefix + "files/hello.txt"), Digest("other"), At, CancellationToken.None));
        Assert.Equal(BuildErrors.ChecksumMismatchId, error.ErrorId);
        Assert.Empty(Directory.EnumerateFiles(_directory)); // nothing left behind
    }

    [Fact]
    public async Task AnErrorStatusIsBuildDownloadFailedWithTheStatus()
    {
        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            Downloader().DownloadAsync(new Uri(_prefix + "missing"), null, At, CancellationToken.None));
        Assert.Equal(BuildErrors.DownloadFailedId, error.ErrorId);
        Assert.Contains("404", error.Message);
    }

    [Fact]
    public async Task NoServerIsBuildDownloadFailed()
    {
        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            Downloader().DownloadAsync(new Uri($"http://127.0.0.1:{FreePort()}/x"), null, At, CancellationToken.None));
        Assert.Equal(BuildErrors.DownloadFailedId, error.ErrorId);
    }

    private UrlDownloader Downloader() => new(_directory);

    private static string Digest(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Url!.AbsolutePath != "/files/hello.txt")
            {
                response.StatusCode = 404;
                continue;
            }
            response.Headers["Last-Modified"] = "Sat, 03 Feb 2001 04:05:06 GMT";
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("hello\n"));
        }
    }
}
