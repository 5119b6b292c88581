using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Runtime.Ports;
using ContainerPS.Engine.Store;
using ContainerPS.Runtime;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Creates a container: resolves the image in the store, takes the name (under the names lock), and writes the
/// bundle (config.json, rootfs mount point, upper and work directories) and then container.json, which makes the
/// container exist. Any failure removes what was written.
/// </summary>
internal sealed class ContainerCreator(ImageService images, ContainerStore store, ContainerLifecycle lifecycle, Networking.ContainerNetworking network)
{
    /// <param name="id">The new container's id; a new one when null (<see cref="ContainerService.Run"/> picks it first).</param>
    public ContainerRecord Create(CreateOptions options, CancellationToken ct, string? id = null)
    {
        // Until config.json names the image's layers, the image collector must not run (ContainerImageUse).
        using var layersHeld = GarbageCollector.HoldOff(images.Layout, ct);
        var image = images.ResolveImage(options.Image);
        var lowers = LowerDirs(image);
        if (options.Name is { } wanted) ContainerNames.Validate(wanted);
        options = options with { Network = Networking.NetworkNames.Normalize(options.Network) };
        network.Validate(options.Network);
        var ports = ExposedPorts.Bindings(options, image.Config.Config);
        PublishTarget.Validate(options.Network, ports);
        // Before anything exists: a bad option or profile leaves nothing behind.
        var seccomp = Security.ContainerSeccomp.For(Security.SecurityOptions.Parse(options.SecurityOptions), Capabilities.Compute(options.CapAdd, options.CapDrop));

        using var names = store.LockNames(ct);
        var existing = store.List();
        var name = options.Name ?? ContainerNames.Generate(existing.Select(r => r.Name).ToHashSet());
        if (existing.FirstOrDefault(r => r.Name == name) is { } holder)
        {
            if (!options.Replace) throw ContainerErrors.NameInUse(name);
            lifecycle.Remove(holder, force: true, ct);
        }

        id ??= ContainerIds.New();
        var paths = store.CreateDirectory(id);
        try
        {
            var input = new BundleInput(id, paths, options, image.Config.Config, lowers, network.NamespacePath(id), seccomp);
            var spec = BundleBuilder.Build(input);
            AtomicFile.WriteAllBytes(paths.ConfigFile, JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeJsonContext.Default.RuntimeSpec));
            var record = new ContainerRecord
            {
                Id = id,
                Name = name,
                Image = options.Image,
                ImageId = image.Id.ToString(),
                Created = DateTimeOffset.UtcNow,
                Command = spec.Process.Args,
                Hostname = spec.Hostname ?? "",
                StopSignal = BundleBuilder.StopSignal(input),
                Options = options with { Name = name, Replace = false },
                Ports = ports,
            };
            store.Write(record);
            return record;
        }
        catch
        {
            store.Delete(id);
            throw;
        }
    }

    /// <summary>The image's unpacked layers in overlay order (top first); every one must be in the store.</summary>
    private static List<string> LowerDirs(ImageInfo image) =>
        image.Layers.Reverse()
            .Select(layer => layer.SnapshotPath ?? throw Fail.FailedPrecondition("ImageNotUnpacked",
                $"Layer {layer.DiffId.ShortId} of image {image.Id.ShortId} is not unpacked in the store; pull the image again.", layer.DiffId.ToString()))
            .ToList();
}
