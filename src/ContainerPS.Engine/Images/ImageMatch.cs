namespace ContainerPS.Engine.Images;

/// <summary>
/// The image a user's word picked, and the stored name it was picked by: null when it was picked by id or by
/// <c>repo@digest</c>, which mean the image itself rather than one of its names (docker rmi's rules differ).
/// </summary>
public sealed record ImageMatch(ImageInfo Image, string? Name);
