namespace ContainerPS;

/// <summary>Byte counts as docker stats shows them (B, KiB, MiB, GiB), for the display texts of ContainerStats.</summary>
internal static class ByteText
{
    public static string Of(ulong bytes) => bytes switch
    {
        < 1024 => $"{bytes}B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.##}KiB",
        < 1024UL * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.##}MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##}GiB",
    };

    /// <summary>docker's <c>used / limit</c> and <c>in / out</c> columns.</summary>
    public static string Pair(ulong first, ulong second) => $"{Of(first)} / {Of(second)}";
}
