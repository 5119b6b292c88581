using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// The real CNCF distribution registry (/usr/bin/docker-registry) on 127.0.0.1 and a free port, serving a storage
/// directory that several servers may share (one anonymous for uploads, others with Basic or token auth).
/// </summary>
public sealed class RegistryServer : IDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;

    private RegistryServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Host}/");

    /// <summary>Starts a registry; <paramref name="authYaml"/> is the indented body of the config's <c>auth:</c> section, if any.</summary>
    /// <summary>With <paramref name="tls"/> (certificate and key PEM files) it serves HTTPS only.</summary>
    public static async Task<RegistryServer> StartAsync(string workDir, string storageDir, string? authYaml = null, (string Certificate, string Key)? tls = null)
    {
        var port = FreePort();
        Directory.CreateDirectory(workDir);
        var configPath = Path.Combine(workDir, $"registry-{port}.yml");
        await File.WriteAllTextAsync(configPath, Config(storageDir, port, authYaml, tls));
        var start = new ProcessStartInfo(Binary, ["serve", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RegistryServer(process, port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    private static string Config(string storageDir, int port, string? authYaml, (string Certificate, string Key)? tls) => $"""
        version: 0.1
        log:
          level: error
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: {storageDir}
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:{port}
        {(tls is { } files ? $"  tls:\n    certificate: {files.Certificate}\n    key: {files.Key}\n" : "")}
        {(authYaml is null ? "" : "auth:\n" + authYaml)}
        """;

    private async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/v2/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"docker-registry did not listen on {Host}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
