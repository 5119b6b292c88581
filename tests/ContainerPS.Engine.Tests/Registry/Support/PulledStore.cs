using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>A throwaway store holding images pulled from the test registries, for pushing them on.</summary>
internal sealed class PulledStore : IDisposable
{
    public ImageService Images { get; } = new(Directory.CreateTempSubdirectory("cps-push-").FullName);

    public Task<ImageInfo> PullAsync(string reference, Platform? platform = null) =>
        Images.PullAsync(reference, new PullOptions { Platform = platform, Registry = RegistryFixture.Options() }, null, CancellationToken.None);

    public Task<PushResult> PushAsync(string source, string? destination, RegistryOptions? registry = null, bool allPlatforms = false,
        IProgress<PushProgress>? progress = null, CancellationToken ct = default) =>
        Images.PushAsync(source, destination, new PushOptions { AllPlatforms = allPlatforms, Registry = registry ?? RegistryFixture.Options() }, progress, ct);

    public void Dispose() => Directory.Delete(Images.Root, recursive: true);
}
