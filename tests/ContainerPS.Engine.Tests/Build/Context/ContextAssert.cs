using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Short views of resolved sources for the build-context tests.</summary>
internal static class ContextAssert
{
    public static string[] Matched(this BuildContext context, string source) =>
        context.ResolveSource(source).Select(m => m.MatchedPath).ToArray();

    public static string[] Contents(this BuildContext context, string source) =>
        context.ResolveSource(source).Single().Contents.Select(e => e.ContextPath).ToArray();

    public static ContainerPSException Fails(this BuildContext context, string source, string errorId)
    {
        var error = Assert.Throws<ContainerPSException>(() => context.ResolveSource(source));
        Assert.Equal(errorId, error.ErrorId);
        return error;
    }

    public static BuildContext Open(this TempContext temp) => BuildContext.Open(temp.Root, "Dockerfile");
}
