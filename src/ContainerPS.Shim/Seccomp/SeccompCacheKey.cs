using System.Runtime.InteropServices;
using System.Text;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// What a cached program was compiled from, as bytes compared whole: every field of the profile (written field by
/// field, lengths first, null apart from empty), the compiler's Options and the native architecture. Written by hand
/// rather than by the JSON serializer, whose first use in a process cost about 0.2 ms of every start; a field added
/// to SeccompSpec must be added here (SeccompCacheKeyTests changes every property and expects a new key).
/// </summary>
internal static class SeccompCacheKey
{
    public static byte[] For(SeccompSpec spec)
    {
        using var stream = new MemoryStream(4096);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SeccompCompiler.Options);
            writer.Write(RuntimeInformation.ProcessArchitecture.ToString());
            writer.Write(spec.DefaultAction);
            WriteOptional(writer, spec.DefaultErrnoRet);
            WriteList(writer, spec.Architectures, writer.Write);
            WriteList(writer, spec.Flags, writer.Write);
            WriteOptional(writer, spec.ListenerPath);
            WriteOptional(writer, spec.ListenerMetadata);
            WriteList(writer, spec.Syscalls, rule => WriteRule(writer, rule));
        }
        return stream.ToArray();
    }

    private static void WriteRule(BinaryWriter writer, SeccompSyscallSpec rule)
    {
        WriteList(writer, rule.Names, writer.Write);
        writer.Write(rule.Action);
        WriteOptional(writer, rule.ErrnoRet);
        WriteList(writer, rule.Args, arg =>
        {
            writer.Write(arg.Index);
            writer.Write(arg.Value);
            writer.Write(arg.ValueTwo);
            writer.Write(arg.Op);
        });
    }

    private static void WriteList<T>(BinaryWriter writer, List<T>? items, Action<T> write)
    {
        writer.Write(items?.Count ?? -1);
        foreach (var item in items ?? []) write(item);
    }

    private static void WriteOptional(BinaryWriter writer, uint? value)
    {
        writer.Write(value.HasValue);
        if (value is uint present) writer.Write(present);
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }
}
