namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>A request as the <see cref="LoopbackHttpServer"/> read it.</summary>
public sealed record TestHttpRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public string Path => Target.Split('?')[0];
}
