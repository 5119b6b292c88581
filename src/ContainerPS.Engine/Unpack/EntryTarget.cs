namespace ContainerPS.Engine.Unpack;

/// <summary>Where an entry goes: its parent directory's fd and its own name (NUL-terminated UTF-8 and as text).</summary>
internal readonly unsafe ref struct EntryTarget
{
    public EntryTarget(int parentFd, byte* name, ReadOnlySpan<char> leaf, string entryName)
    {
        ParentFd = parentFd;
        Name = name;
        Leaf = leaf;
        EntryName = entryName;
    }

    public int ParentFd { get; }

    public byte* Name { get; }

    public ReadOnlySpan<char> Leaf { get; }

    /// <summary>The entry's name as the tar has it, for messages.</summary>
    public string EntryName { get; }
}
