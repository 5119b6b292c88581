using ContainerPS.Engine.Archive;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Push;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Images;

/// <summary>
/// The image side of the engine in one facade for the cmdlets: pull, push, list, resolve, tag, untag and remove images in
/// the store at <see cref="Root"/>. It holds no state beyond the root; every call reads the store afresh, so several
/// pwsh processes can use one store at once.
/// </summary>
public sealed class ImageService
{
    private const string RootVariable = "CONTAINERPS_ROOT";
    private const string SystemRoot = "/var/lib/containerps";
    private readonly StoreLayout _layout;
    private readonly ImageIndexStore _index;

    public ImageService(string root)
    {
        _layout = new StoreLayout(root);
        _index = new ImageIndexStore(_layout);
        _layout.EnsureCreated();
    }

    /// <summary><c>$CONTAINERPS_ROOT</c> when set, else <c>/var/lib/containerps</c> (DESIGN.md, "On disk").</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root ? root : SystemRoot;

    public string Root => _layout.Root;

    public StoreLayout Layout => _layout;

    public async Task<ImageInfo> PullAsync(string reference, PullOptions options, IProgress<PullProgress>? progress, CancellationToken ct)
    {
        var parsed = ImageReference.Parse(reference);
        using var client = new RegistryClient(options.Registry);
        var puller = new ImagePuller(_layout, client, new LayerApplier(new UnpackLimits()));
        var manifest = await puller.PullAsync(parsed, options.Platform, progress, ct).ConfigureAwait(false);
        return ListImages().First(i => i.Manifests.Any(m => m.Digest == manifest));
    }

    /// <summary>Pushes the image <paramref name="source"/> names to <paramref name="destination"/>; see <see cref="PushDestination"/>.</summary>
    public async Task<PushResult> PushAsync(string source, string? destination, PushOptions options, IProgress<PushProgress>? progress, CancellationToken ct)
    {
        var match = Find(source);
        var target = PushDestination(source, destination);
        using var client = new RegistryClient(options.Registry);
        return await new ImagePusher(_layout, client).PushAsync(match.Image, match.Name, target, options, progress, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Where a push goes: <paramref name="destination"/>, or the name <paramref name="source"/> picks the image by (docker push takes
    /// the name); an image picked by id or digest has none, and needs a destination.
    /// </summary>
    public ImageReference PushDestination(string source, string? destination) =>
        destination is not null ? ImageReference.Parse(destination)
        : Find(source).Name is { } name ? ImageReference.Parse(name)
        : throw Fail.InvalidArgument("PushDestinationRequired", $"'{source}' names the image by id or digest; give -Destination, the reference to push it to.", source);

    public IReadOnlyList<ImageInfo> ListImages() => new ImageCatalog(_layout).List();

    public IReadOnlyList<ImageInfo> ListDanglingImages() => ListImages().Where(i => i.Names.Count == 0 && !i.IsBuildCache).ToList();

    /// <summary>The image a user means; see <see cref="Find"/>.</summary>
    public ImageInfo ResolveImage(string referenceOrId) => Find(referenceOrId).Image;

    /// <summary>
    /// Finds the image a user means and the name it was meant by: a reference in full or familiar form
    /// (<c>busybox</c>), <c>repo@digest</c>, or an image id or id prefix of at least 4 hex digits, with or without
    /// <c>sha256:</c>. A name is looked up first, then an id, as docker does; a prefix of several images' ids is
    /// AmbiguousImageId.
    /// </summary>
    public ImageMatch Find(string referenceOrId)
    {
        var images = ListImages();
        if (ReferenceParser.TryParse(referenceOrId, out var reference) && ImageLookup.ByReference(images, reference!) is { } named) return named;
        if (ImageLookup.ById(images, referenceOrId) is { } byId) return new ImageMatch(byId, null);
        throw Fail.NotFound("ImageNotFound", $"No image '{referenceOrId}' in the store at {Root}.", referenceOrId);
    }

    /// <summary>The name a reference is stored under (<c>busybox</c> → <c>docker.io/library/busybox:latest</c>); InvalidReference when it is not one.</summary>
    public static string StoredNameOf(string reference) => ImagePuller.StoredName(ImageReference.Parse(reference));

    public ImageInfo AddTag(ImageInfo image, string newReference)
    {
        var entry = EntryOf(image, StoredNameOf(newReference));
        _index.Update(entries => IndexEntries.SetName(entries, entry, ImageIds().Of));
        return ListImages().First(i => i.Id == image.Id);
    }

    /// <summary>Lists an image that only the build cache holds as a dangling image (a build without -Tag), unless it has a name already.</summary>
    public ImageInfo AddNameless(ImageInfo image)
    {
        var entry = EntryOf(image, name: null);
        _index.Update(entries => IndexEntries.AddNameless(entries, entry, ImageIds().Of));
        return ListImages().First(i => i.Id == image.Id);
    }

    private Descriptor EntryOf(ImageInfo image, string? name)
    {
        var entry = new Descriptor
        {
            MediaType = image.Manifest.MediaType ?? MediaTypes.OciManifest,
            Digest = image.ManifestDigest,
            Size = new BlobStore(_layout).SizeOf(image.ManifestDigest),
            Annotations = new Dictionary<string, string> { [IndexAnnotations.Pulled] = DateTimeOffset.UtcNow.ToString("O") },
        };
        if (name is not null) entry.Annotations[IndexAnnotations.RefName] = name;
        if (image.RepoDigest is { } repoDigest) entry.Annotations[IndexAnnotations.RepoDigest] = repoDigest.ToString();
        return entry;
    }

    public void RemoveTag(string reference)
    {
        var name = StoredNameOf(reference);
        if (!_index.Update(entries => IndexEntries.RemoveName(entries, name, ImageIds().Of)))
            throw Fail.NotFound("ImageNotFound", $"No image is named '{reference}' in the store at {Root}.", reference);
    }

    /// <summary>
    /// Removes the image with all its names and manifests, then every blob and snapshot that no other image and no container uses.
    /// Whether containers may lose their image is the caller's rule (ContainerService.RemoveImage).
    /// </summary>
    /// <param name="snapshotsInUse">The snapshots containers' roots are made of; they stay.</param>
    public void RemoveImage(ImageInfo image, Func<IReadOnlySet<Digest>> snapshotsInUse)
    {
        var removed = _index.Update(entries => IndexEntries.RemoveImage(entries, image.Id, ImageIds().Of));
        if (removed == 0) throw Fail.NotFound("ImageNotFound", $"Image {image.Id.ShortId} is no longer in the store at {Root}.", image.Id.ToString());
        CollectGarbage(snapshotsInUse);
    }

    /// <summary>Deletes every blob and snapshot that no image and no container uses.</summary>
    public void CollectGarbage(Func<IReadOnlySet<Digest>> snapshotsInUse) =>
        new GarbageCollector(_layout).Collect(_index.Read(), snapshotsInUse);

    private StoredImageIds ImageIds() => new(new BlobStore(_layout));

    /// <summary>Whether an image with this id (its config digest) is still in the store: one stat, for hot paths.</summary>
    internal bool HasImageConfig(Digest imageId) => new BlobStore(_layout).Exists(imageId);

    /// <summary>Writes the images <paramref name="references"/> name into one archive (docker save); each image once, under every name given for it.</summary>
    public void ExportImages(IReadOnlyList<string> references, string path, ArchiveFormat format, bool force, IProgress<ArchiveProgress>? progress, CancellationToken ct)
    {
        var images = references.Select(Find)
            .GroupBy(m => m.Image.Id)
            .Select(g => new ExportedImage(g.First().Image, g.Select(m => m.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
        new ImageExporter(_layout).Export(images, path, format, force, progress, ct);
    }

    /// <summary>Loads the images of an archive or OCI layout directory (docker load); <paramref name="references"/> renames them, one per image.</summary>
    public async Task<IReadOnlyList<ImageMatch>> ImportArchiveAsync(string path, IReadOnlyList<string>? references, IProgress<ArchiveProgress>? progress, CancellationToken ct)
    {
        var importer = new ImageImporter(_layout, new LayerApplier(new UnpackLimits()), ArchiveLimits.Default);
        var imported = await importer.ImportAsync(path, references, progress, ct).ConfigureAwait(false);
        return imported.Select(i => new ImageMatch(ImageOfManifest(i.Manifest), i.Name)).ToList();
    }

    /// <summary>Makes an image named <paramref name="reference"/> of a root filesystem tar (docker import).</summary>
    public async Task<ImageInfo> ImportRootFsAsync(string path, string reference, Func<ImageConfig, ImageConfig> configure, string? message, CancellationToken ct)
    {
        var name = StoredNameOf(reference);
        var manifest = await new RootFsImporter(_layout, new LayerApplier(new UnpackLimits())).ImportAsync(path, name, configure, message, ct).ConfigureAwait(false);
        return ImageOfManifest(manifest);
    }

    private ImageInfo ImageOfManifest(Digest manifest) => ListImages().First(i => i.Manifests.Any(m => m.Digest == manifest));

    public async Task<IReadOnlyList<string>> ListRemoteTagsAsync(string repository, RegistryOptions options, CancellationToken ct)
    {
        using var client = new RegistryClient(options);
        return await client.ListTagsAsync(ImageReference.Parse(repository), ct).ConfigureAwait(false);
    }
}
