using System.Text;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// A compiled filter on disk, one format for the root-only cache and for a container's state directory (so the
/// state's copy can be a hard link to the cache entry): the key's length (4 bytes, little-endian) and the key
/// (SeccompCacheKey), the library's length and identity (LibSeccompFile, UTF-8), then the filter
/// (SeccompFilter.ToBytes). A state directory's own copy has an empty key and library.
/// </summary>
internal sealed record SeccompFilterFile(byte[] Key, string Library, SeccompFilter Filter)
{
    public static void Write(string path, SeccompFilterFile file)
    {
        byte[] library = Encoding.UTF8.GetBytes(file.Library);
        File.WriteAllBytes(path, [
            .. BitConverter.GetBytes(file.Key.Length), .. file.Key,
            .. BitConverter.GetBytes(library.Length), .. library,
            .. file.Filter.ToBytes()]);
    }

    /// <summary>null when the file is missing, cut short or not a filter.</summary>
    public static SeccompFilterFile? Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        if (Field(bytes, 0) is not (int keyStart, int keyLength)) return null;
        if (Field(bytes, keyStart + keyLength) is not (int libraryStart, int libraryLength)) return null;
        var filter = SeccompFilter.FromBytes(bytes[(libraryStart + libraryLength)..]);
        if (filter is null) return null;
        return new SeccompFilterFile(bytes[keyStart..(keyStart + keyLength)],
            Encoding.UTF8.GetString(bytes, libraryStart, libraryLength), filter);
    }

    /// <summary>The length-prefixed field at offset: where its bytes start and how many; null if it overruns.</summary>
    private static (int Start, int Length)? Field(byte[] bytes, int offset)
    {
        if (offset + 4 > bytes.Length) return null;
        int length = BitConverter.ToInt32(bytes, offset);
        return length < 0 || offset + 4L + length > bytes.Length ? null : (offset + 4, length);
    }
}
