namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>A real, throw-away build-context directory, removed on dispose.</summary>
public sealed class TempContext : IDisposable
{
    public TempContext()
    {
        Parent = Path.Combine(Path.GetTempPath(), "cps-ctx-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Parent, "ctx");
        Directory.CreateDirectory(Root);
    }

    /// <summary>The directory holding the context, so tests can place files outside it.</summary>
    public string Parent { get; }

    public string Root { get; }

    public TempContext File(string path, string content = "x")
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return this;
    }

    public TempContext Dir(string path)
    {
        Directory.CreateDirectory(Path.Combine(Root, path));
        return this;
    }

    public TempContext Link(string path, string target)
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.CreateSymbolicLink(full, target);
        return this;
    }

    public TempContext Ignore(params string[] lines) => File(".dockerignore", string.Join('\n', lines));

    public void Dispose()
    {
        try { Directory.Delete(Parent, recursive: true); }
        catch (IOException) { }
    }
}
