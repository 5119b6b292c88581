namespace ContainerPS.Engine.Build.Execution;

/// <summary>An ADD URL's content, downloaded once at plan time: where it is, its digest (the cache key's part), and the server's Last-Modified.</summary>
internal sealed record DownloadedFile(string Path, string Digest, DateTimeOffset? LastModified);
