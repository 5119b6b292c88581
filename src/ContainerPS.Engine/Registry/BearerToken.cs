namespace ContainerPS.Engine.Registry;

/// <summary>A registry token and the moment it stops being usable.</summary>
internal sealed record BearerToken(string Value, DateTimeOffset ExpiresAt);
