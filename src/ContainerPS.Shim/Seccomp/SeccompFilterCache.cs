using System.Runtime.InteropServices;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// Compiled filters kept by content, so only the first container with a profile pays for libseccomp. Why: measured
/// on the project's 2-core machine (2026-12-03), compiling a docker-sized profile (~400 names, x86_64 + x86 + x32)
/// added about 14 ms to every `run`, the whole rest of a start being about 12 ms; reading the cached program back
/// costs a file read. An entry holds its key in full (the seccomp object as JSON, libseccomp's version, the
/// compiler's Options, the native architecture) and is used only when that matches byte for byte, so a changed
/// profile, library or compiler compiles anew;
/// the file name is only a 64-bit FNV-1a of the key (no cryptographic hash: loading OpenSSL for SHA-256 cost ~4 ms
/// per start). Only root caches, in /run/containerps/seccomp (0700, tmpfs: gone on reboot), where nobody else can
/// plant a program; a damaged entry is compiled again.
/// </summary>
internal static class SeccompFilterCache
{
    private const string Directory = "/run/containerps/seccomp";

    public static SeccompFilter Compile(SeccompSpec spec)
    {
        if (Native.Sys.Geteuid() != 0) return SeccompCompiler.Compile(spec);
        byte[] key = Key(spec);
        string file = Path.Combine(Directory, $"{Fnv1a(key):x16}.bpf");
        if (Read(file, key) is { } cached) return cached;
        var filter = SeccompCompiler.Compile(spec);
        Write(file, key, filter);
        return filter;
    }

    private static byte[] Key(SeccompSpec spec) =>
    [
        .. JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeJsonContext.Default.SeccompSpec),
        .. System.Text.Encoding.UTF8.GetBytes($"\n{SeccompCompiler.Version()}\n{SeccompCompiler.Options}\n{RuntimeInformation.ProcessArchitecture}"),
    ];

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211;
        return hash;
    }

    /// <summary>An entry: the key's length (4 bytes, little-endian), the key, then the filter (SeccompFilter.ToBytes).</summary>
    private static SeccompFilter? Read(string file, byte[] key)
    {
        try
        {
            if (!File.Exists(file)) return null;
            byte[] entry = File.ReadAllBytes(file);
            if (entry.Length < 4 || BitConverter.ToInt32(entry, 0) != key.Length || entry.Length < 4 + key.Length) return null;
            if (!entry.AsSpan(4, key.Length).SequenceEqual(key)) return null;
            return SeccompFilter.FromBytes(entry[(4 + key.Length)..]);
        }
        catch (IOException) { return null; }
    }

    /// <summary>Temp file and rename: a concurrent start reads a whole program or none. A failure only costs the cache.</summary>
    private static void Write(string file, byte[] key, SeccompFilter filter)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string temporary = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, [.. BitConverter.GetBytes(key.Length), .. key, .. filter.ToBytes()]);
            File.Move(temporary, file, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
