using ContainerPS.Engine.Images;

namespace ContainerPS.Engine.Archive;

/// <summary>An image to export with the names it goes into the archive under (none: it is saved by id, nameless).</summary>
public sealed record ExportedImage(ImageInfo Image, IReadOnlyList<string> Names);
