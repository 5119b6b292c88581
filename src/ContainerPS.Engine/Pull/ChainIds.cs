using System.Text;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// ChainIDs (image-spec config.md, "Layer ChainID"): ChainID(L0) = DiffID(L0);
/// ChainID(L0|...|Ln) = sha256(ChainID(L0|...|Ln-1) + " " + DiffID(Ln)). A snapshot keyed by ChainID names a whole
/// stack of layers, so the same layer on another parent gets its own snapshot.
/// </summary>
public static class ChainIds
{
    public static Digest[] Compute(IReadOnlyList<Digest> diffIds)
    {
        var chain = new Digest[diffIds.Count];
        for (var i = 0; i < diffIds.Count; i++)
            chain[i] = i == 0 ? diffIds[0] : Digest.Sha256Of(Encoding.ASCII.GetBytes($"{chain[i - 1]} {diffIds[i]}"));
        return chain;
    }
}
