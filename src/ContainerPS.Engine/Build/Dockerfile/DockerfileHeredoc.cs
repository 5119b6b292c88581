namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// A here-document attached to RUN, COPY or ADD (Dockerfile reference, "Here-Documents"). <see cref="Content"/> holds
/// every body line followed by a newline, with leading tabs removed when the marker was <c>&lt;&lt;-</c>
/// (<see cref="StripTabs"/>). <see cref="Expand"/> is false when any part of the delimiter was quoted, in which case the
/// builder must not substitute variables in the body. <see cref="FileDescriptor"/> is the optional <c>3&lt;&lt;EOF</c> prefix.
/// </summary>
public sealed record DockerfileHeredoc(string Name, string Content, bool Expand, bool StripTabs, int? FileDescriptor);
