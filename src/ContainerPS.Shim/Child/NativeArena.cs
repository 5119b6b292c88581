using System.Runtime.InteropServices;
using System.Text;

namespace ContainerPS.Shim.Child;

/// <summary>
/// Native memory for everything the child's steps point at (paths, argv, envp, structs). It is filled before the
/// clone; the child reads its own copy-on-write copy, so the supervisor frees it right after clone3() returns.
/// </summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly List<nint> _blocks = [];

    public byte* Allocate(int size)
    {
        var block = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(size, 1));
        _blocks.Add((nint)block);
        return block;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/>.</summary>
    public long String(string value)
    {
        if (value.Contains('\0')) throw new ArgumentException($"a NUL character in '{value}'", nameof(value));
        int length = Encoding.UTF8.GetByteCount(value);
        byte* text = Allocate(length + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(text, length));
        return (long)text;
    }

    /// <summary>A NULL-terminated array of string pointers (argv, envp).</summary>
    public long StringArray(IReadOnlyList<string> values)
    {
        var array = (long*)Allocate((values.Count + 1) * sizeof(long));
        for (int i = 0; i < values.Count; i++) array[i] = String(values[i]);
        return (long)array;
    }

    public long Struct<T>(T value) where T : unmanaged
    {
        byte* memory = Allocate(sizeof(T));
        *(T*)memory = value;
        return (long)memory;
    }

    public long Array<T>(IReadOnlyList<T> values) where T : unmanaged
    {
        var memory = (T*)Allocate(values.Count * sizeof(T));
        for (int i = 0; i < values.Count; i++) memory[i] = values[i];
        return (long)memory;
    }

    public void Dispose()
    {
        foreach (nint block in _blocks) NativeMemory.Free((void*)block);
        _blocks.Clear();
    }
}
