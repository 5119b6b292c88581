namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// The parser directives at the top of a Dockerfile (Dockerfile reference, "Parser directives"). <see cref="Escape"/> is
/// the escape character, <c>\</c> unless <c># escape=`</c> chose the backtick; <see cref="Syntax"/> is recorded and
/// ignored, since this builder is its own frontend. <see cref="All"/> has every recognised directive by lower-case name.
/// </summary>
public sealed record DockerfileDirectives(char Escape, string? Syntax, IReadOnlyDictionary<string, string> All)
{
    public const char DefaultEscape = '\\';

    public static DockerfileDirectives Default { get; } = new(DefaultEscape, null, new Dictionary<string, string>());
}
