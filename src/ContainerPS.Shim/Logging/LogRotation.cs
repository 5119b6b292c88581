using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Logging;

/// <summary>
/// When and how far the json-file log rotates (Annotations.LogMaxSize, Annotations.LogMaxFiles; docker json-file's
/// max-size and max-file): without a size the log grows without bound, as docker's default does.
/// </summary>
internal sealed record LogRotation(long MaxSize, int MaxFiles)
{
    public static readonly LogRotation None = new(0, 1);

    public bool Enabled => MaxSize > 0;

    public static LogRotation From(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null || !long.TryParse(annotations.GetValueOrDefault(Annotations.LogMaxSize), out long size) || size <= 0) return None;
        int files = int.TryParse(annotations.GetValueOrDefault(Annotations.LogMaxFiles), out int count) && count > 0 ? count : 1;
        return new LogRotation(size, files);
    }

    /// <summary>Moves path to path.1, each path.N to path.N+1, and drops what would make more than MaxFiles files.</summary>
    public void Rotate(string path)
    {
        File.Delete(RotatedLogs.PathOf(path, MaxFiles - 1 > 0 ? MaxFiles - 1 : 1));
        for (int generation = MaxFiles - 2; generation >= 1; generation--)
        {
            string older = RotatedLogs.PathOf(path, generation);
            if (File.Exists(older)) File.Move(older, RotatedLogs.PathOf(path, generation + 1), overwrite: true);
        }
        if (MaxFiles > 1) File.Move(path, RotatedLogs.PathOf(path, 1), overwrite: true);
        else File.Delete(path);
    }
}
