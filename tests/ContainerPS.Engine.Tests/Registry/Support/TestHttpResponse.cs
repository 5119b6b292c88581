using System.Text;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// What the <see cref="LoopbackHttpServer"/> writes back. <see cref="SendBytes"/> below the body's length drops the
/// connection mid-body; <see cref="OmitContentLength"/> makes the body end where the connection closes; <see cref="Abort"/>
/// closes it before the status line, as a connection that drops while a request is sent.
/// </summary>
public sealed record TestHttpResponse(int Status, byte[] Body)
{
    public List<KeyValuePair<string, string>> Headers { get; init; } = [];
    public int? SendBytes { get; init; }
    public bool OmitContentLength { get; init; }
    public bool Abort { get; init; }

    public static TestHttpResponse Dropped { get; } = new(0, []) { Abort = true };

    public static TestHttpResponse Text(int status, string body) => new(status, Encoding.UTF8.GetBytes(body));

    public TestHttpResponse With(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}
