using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// The images FROM and <c>--from</c> name, found in the store or pulled as the pull policy says. Each reference is
/// resolved once per build, so every step that names it sees the same image.
/// </summary>
internal sealed class BaseImages(ImageService images, BuildOptions options)
{
    private readonly Dictionary<string, Task<ImageInfo>> _resolved = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<ImageInfo> ResolveAsync(string reference, string? platform, CancellationToken ct)
    {
        lock (_gate)
        {
            var key = $"{reference}\n{platform}";
            if (!_resolved.TryGetValue(key, out var task)) _resolved[key] = task = LoadAsync(reference, platform, ct);
            return task;
        }
    }

    private async Task<ImageInfo> LoadAsync(string reference, string? platform, CancellationToken ct)
    {
        if (options.PullPolicy != BuildPullPolicy.Always && TryFind(reference) is { } local) return local;
        if (options.PullPolicy == BuildPullPolicy.Never) throw BuildErrors.BaseImageNotFound(reference);
        var pull = new PullOptions { Registry = options.Registry, Platform = platform is null ? null : Platform.Parse(platform) };
        return await images.PullAsync(reference, pull, progress: null, ct).ConfigureAwait(false);
    }

    private ImageInfo? TryFind(string reference)
    {
        try
        {
            return images.ResolveImage(reference);
        }
        catch (ContainerPSException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }
}
