using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Docker's client configuration file (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>), as far as
/// credentials go: <c>auths</c>, <c>credsStore</c> and <c>credHelpers</c> (docs/registry-login.md). Every other key is
/// kept as it was read, so that saving after a login or logout loses nothing docker, podman or skopeo put there.
/// </summary>
public sealed class DockerConfigFile
{
    private const long MaxConfigBytes = 4 * 1024 * 1024;
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    // Indented as docker writes it; '+' and the like stay readable (no HTML is made of this file).
    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject _root;

    private DockerConfigFile(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>Where Docker keeps its client configuration for this process.</summary>
    public static string DefaultPath()
    {
        var dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir)) dir = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return System.IO.Path.Combine(dir, "config.json");
    }

    /// <summary>The file at <paramref name="path"/>; a missing file reads as an empty configuration.</summary>
    public static DockerConfigFile Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) return new DockerConfigFile(path, []);
        if (file.Length > MaxConfigBytes) throw Invalid(path, $"it is larger than {MaxConfigBytes} bytes");
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan().Trim((byte)' ').IsEmpty) return new DockerConfigFile(path, []);
            return JsonNode.Parse(bytes) is JsonObject root ? new DockerConfigFile(path, root) : throw Invalid(path, "it is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid(path, e.Message, e);
        }
    }

    /// <summary>
    /// The credential helper for <paramref name="domain"/>: its <c>credHelpers</c> entry, else <c>credsStore</c>, else null
    /// (docker cli config/configfile, getCredentialsStore).
    /// </summary>
    public string? HelperFor(string domain)
    {
        var helper = MatchingEntries("credHelpers", domain).Select(e => e.Value?.GetValueKind() == JsonValueKind.String ? (string?)e.Value : null)
            .FirstOrDefault(name => !string.IsNullOrEmpty(name)) ?? DockerAuthEntry.StringProperty(_root, "credsStore");
        return string.IsNullOrEmpty(helper) ? null : helper;
    }

    /// <summary>The credential <c>auths</c> holds for <paramref name="domain"/>, or null.</summary>
    public RegistryCredential? CredentialFor(string domain) =>
        MatchingEntries("auths", domain).Select(e => e.Value is JsonObject entry ? DockerAuthEntry.CredentialOf(entry, Path) : null)
            .FirstOrDefault(c => c is not null);

    /// <summary>
    /// Sets <c>auths[key]</c> to the credential (base64 <c>user:password</c>), or to <c>{}</c> when a helper holds it,
    /// as docker login writes it; other spellings of the same host are left alone, as docker leaves them.
    /// </summary>
    public void SetAuth(string key, RegistryCredential? credential)
    {
        var auths = Section("auths");
        auths[key] = credential is null ? new JsonObject() : DockerAuthEntry.From(credential);
    }

    /// <summary>Removes every <c>auths</c> entry for <paramref name="domain"/>, however its key is spelled; true if there was one.</summary>
    public bool RemoveAuth(string domain)
    {
        var keys = MatchingEntries("auths", domain).Select(e => e.Key).ToList();
        foreach (var key in keys) ((JsonObject)_root["auths"]!).Remove(key);
        return keys.Count > 0;
    }

    /// <summary>
    /// Writes the file atomically (temp file, fsync, rename), mode 0600, creating its directory with mode 0700 if absent.
    /// A symbolic link is followed, as docker does, so that a config kept elsewhere stays linked.
    /// </summary>
    public void Save()
    {
        var target = ResolveLinks(Path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target))!;
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        var text = _root.ToJsonString(Written) + "\n";
        try
        {
            AtomicFile.WriteAllBytes(target, Encoding.UTF8.GetBytes(text), OwnerReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail.PermissionDenied("DockerConfigNotWritten", $"Docker's config file {target} cannot be written: {e.Message}", target, e);
        }
    }

    private static string ResolveLinks(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    // Keys may be URLs (https://host/v1/) or host:port, in any case; Docker Hub has several (RegistryHost.ConfigKeysFor).
    private IEnumerable<KeyValuePair<string, JsonNode?>> MatchingEntries(string section, string domain)
    {
        if (_root[section] is not JsonObject entries) yield break;
        foreach (var key in RegistryHost.ConfigKeysFor(domain).Select(RegistryHost.NormalizeConfigKey))
        {
            foreach (var entry in entries)
            {
                if (RegistryHost.NormalizeConfigKey(entry.Key) == key) yield return entry;
            }
        }
    }

    private JsonObject Section(string name)
    {
        if (_root[name] is JsonObject section) return section;
        section = [];
        _root[name] = section;
        return section;
    }

    internal static ContainerPSException Invalid(string path, string why, Exception? inner = null) =>
        Fail.InvalidArgument("DockerConfigInvalid", $"Docker's config file {path} cannot be used: {why}.", path, inner);
}
