using System.Text.Json;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Registry lookups for tab completion: the tags of a repository, the repositories of a registry, the platforms of an
/// image. Completion must never hang the prompt, nor print errors while the user types, so each lookup waits at most
/// its wait bound and answers nothing when the registry is slow, unreachable or refuses. A fetch goes on in the
/// background (up to its own limit, without retries) and its answer is cached per registry, repository or reference
/// for a short time, so the next Tab has it at once.
/// </summary>
public sealed class RegistryLookup
{
    private readonly TimeSpan _wait;
    private readonly TimeSpan _fetchLimit;
    private readonly ExpiringCache<IReadOnlyList<string>> _answers;

    /// <summary>The lookups of this process: 2 s at the prompt, 10 s in the background, answers kept a minute, 64 of them.</summary>
    public static RegistryLookup Shared { get; } =
        new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), 64, TimeProvider.System);

    internal RegistryLookup(TimeSpan wait, TimeSpan fetchLimit, TimeSpan lifetime, int capacity, TimeProvider time)
    {
        _wait = wait;
        _fetchLimit = fetchLimit;
        _answers = new ExpiringCache<IReadOnlyList<string>>(lifetime, capacity, time);
    }

    internal int CachedAnswers => _answers.Count;

    /// <summary>The tags of <paramref name="repository"/> (its tag or digest is ignored), or none.</summary>
    public IReadOnlyList<string> Tags(ImageReference repository, RegistryOptions options) => Await(TagsAsync(repository, options));

    /// <summary>The repositories of the registry <paramref name="domain"/> (its catalog), or none.</summary>
    public IReadOnlyList<string> Repositories(string domain, RegistryOptions options) => Await(RepositoriesAsync(domain, options));

    /// <summary>The platforms <paramref name="reference"/> has images for (<c>linux/arm64/v8</c>), or none.</summary>
    public IReadOnlyList<string> Platforms(ImageReference reference, RegistryOptions options) => Await(PlatformsAsync(reference, options));

    internal Task<IReadOnlyList<string>> TagsAsync(ImageReference repository, RegistryOptions options) =>
        Fetch($"tags|{repository.Repository}", options, (client, ct) => client.ListTagsAsync(repository, ct));

    internal Task<IReadOnlyList<string>> RepositoriesAsync(string domain, RegistryOptions options) =>
        Fetch($"catalog|{domain}", options, (client, ct) => client.ListRepositoriesAsync(domain, ct));

    internal Task<IReadOnlyList<string>> PlatformsAsync(ImageReference reference, RegistryOptions options) =>
        Fetch($"platforms|{reference}", options, (client, ct) => PlatformsOfAsync(client, reference, ct));

    private IReadOnlyList<string> Await(Task<IReadOnlyList<string>> answer)
    {
        try
        {
            return answer.Wait(_wait) ? answer.Result : [];
        }
        catch (AggregateException)
        {
            return []; // unreachable, refused, not found: completion offers nothing and says nothing
        }
    }

    private Task<IReadOnlyList<string>> Fetch(string key, RegistryOptions options,
        Func<RegistryClient, CancellationToken, Task<IReadOnlyList<string>>> lookup) =>
        _answers.GetOrAdd(key, () => Task.Run(async () =>
        {
            // No retries: a retry's backoff would outlast the prompt's patience, and the next Tab asks again.
            using var client = new RegistryClient(options with { MaxRetries = 0 });
            using var limit = new CancellationTokenSource(_fetchLimit);
            return await lookup(client, limit.Token).ConfigureAwait(false);
        }));

    /// <summary>An index's platforms (image-index.md, "platform"), or a single manifest's from its config.</summary>
    private static async Task<IReadOnlyList<string>> PlatformsOfAsync(RegistryClient client, ImageReference reference, CancellationToken ct)
    {
        var top = await client.GetManifestAsync(reference, ct).ConfigureAwait(false);
        if (MediaTypes.IsIndex(top.MediaType))
            return PlatformSelector.Platforms(JsonSerializer.Deserialize(top.Content, OciJsonContext.Default.ImageIndex)!).Distinct().ToList();
        if (!MediaTypes.IsManifest(top.MediaType)) return [];
        var manifest = JsonSerializer.Deserialize(top.Content, OciJsonContext.Default.ImageManifest)!;
        var config = await client.GetBlobAsync(reference, manifest.Config, ImagePuller.MaxConfigBytes, ct).ConfigureAwait(false);
        return [JsonSerializer.Deserialize(config, OciJsonContext.Default.ImageConfig)!.Platform.ToString()];
    }
}
