using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// How large a container's log may grow: -LogMaxSize per file times -LogMaxFiles files (docker json-file's max-size
/// and max-file). Docker's json-file default is unbounded, which lets a chatty container fill the disk; the defaults
/// here are docker's "local" log driver's, 20 MiB and 5 files, so no container's log passes 100 MiB unless asked.
/// </summary>
public static class LogLimits
{
    public const long DefaultMaxSize = 20L << 20;
    public const int DefaultMaxFiles = 5;

    /// <summary>Below a page a log holds too few lines to be worth rotating.</summary>
    public const long MinimumMaxSize = 4096;

    public static long MaxSizeOf(CreateOptions options) => options.LogMaxSize switch
    {
        null => DefaultMaxSize,
        < MinimumMaxSize and var size => throw Fail.InvalidArgument("InvalidLogMaxSize", $"-LogMaxSize must be at least {MinimumMaxSize} bytes, not {size}.", size),
        var size => size.Value,
    };

    public static int MaxFilesOf(CreateOptions options) => options.LogMaxFiles switch
    {
        null => DefaultMaxFiles,
        < 1 and var files => throw Fail.InvalidArgument("InvalidLogMaxFiles", $"-LogMaxFiles must be at least 1, not {files}.", files),
        var files => files.Value,
    };
}
