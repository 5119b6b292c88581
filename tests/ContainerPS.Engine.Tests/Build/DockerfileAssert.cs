using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Shared checks: parse a Dockerfile written as lines, and expect a typed error with its id and location.</summary>
internal static class DockerfileAssert
{
    public static DockerfileDocument Parse(params string[] lines) => DockerfileParser.Parse(string.Join('\n', lines) + "\n", "Dockerfile");

    public static IReadOnlyList<DockerfileInstruction> Instructions(params string[] lines) =>
        DockerfileParser.ParseInstructions(string.Join('\n', lines) + "\n", "Dockerfile", out _);

    public static DockerfileInstruction Single(params string[] lines) => Assert.Single(Instructions(lines));

    public static ContainerPSException ParseError(int line, params string[] lines)
    {
        var error = Assert.Throws<ContainerPSException>(() => Parse(lines));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith($"Dockerfile:{line}: ", error.Message);
        return error;
    }
}
