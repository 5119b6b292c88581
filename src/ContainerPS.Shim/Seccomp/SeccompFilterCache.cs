namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// Compiled filters kept by content, so only the first container with a profile pays for libseccomp. Why: measured
/// on the project's 2-core machine (2026-12-03), compiling a docker-sized profile (~400 names, x86_64 + x86 + x32)
/// added about 14 ms to every `run`, the whole rest of a start being about 12 ms. An entry (SeccompFilterFile) is
/// used only when its key (SeccompCacheKey) matches byte for byte and the libseccomp that compiled it is still the
/// installed one (LibSeccompFile), so a changed profile, library or compiler compiles anew; a reused entry never
/// loads libseccomp. The file name is only a 64-bit FNV-1a of the key (no cryptographic hash: loading OpenSSL for
/// SHA-256 cost ~4 ms per start). Only root caches, in /run/containerps/seccomp (0700, tmpfs: gone on reboot),
/// where nobody else can plant a program; a damaged entry is compiled again.
/// </summary>
internal static class SeccompFilterCache
{
    private const string Directory = "/run/containerps/seccomp";

    public static CompiledSeccomp Compile(Runtime.Spec.SeccompSpec spec)
    {
        if (Native.Sys.Geteuid() != 0) return new CompiledSeccomp(SeccompCompiler.Compile(spec), null);
        byte[] key = SeccompCacheKey.For(spec);
        string entry = Path.Combine(Directory, $"{Fnv1a(key):x16}.bpf");
        if (Read(entry, key) is { } cached) return new CompiledSeccomp(cached, entry);
        var filter = SeccompCompiler.Compile(spec);
        return new CompiledSeccomp(filter, Write(entry, new SeccompFilterFile(key, LibSeccompFile.Loaded() ?? "", filter)) ? entry : null);
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211;
        return hash;
    }

    private static SeccompFilter? Read(string entry, byte[] key)
    {
        try
        {
            var file = SeccompFilterFile.Read(entry);
            return file is not null && file.Key.AsSpan().SequenceEqual(key) && LibSeccompFile.IsStill(file.Library) ? file.Filter : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>Temp file and rename: a concurrent start reads a whole program or none, and a container's hard link
    /// to the old entry keeps the old program. A failure only costs the cache.</summary>
    private static bool Write(string entry, SeccompFilterFile file)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string temporary = $"{entry}.{Environment.ProcessId}.tmp";
            SeccompFilterFile.Write(temporary, file);
            File.Move(temporary, entry, overwrite: true);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
