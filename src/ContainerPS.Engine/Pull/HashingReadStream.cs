using System.Security.Cryptography;
using ContainerPS.Engine.IO;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// Hashes (sha256) and counts everything read through it, so a layer is verified while it streams into the
/// unpacker instead of in a second pass over the file.
/// </summary>
internal sealed class HashingReadStream(Stream inner, Action<int>? onRead = null) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Digest? _final;

    public long BytesRead { get; private set; }

    /// <summary>
    /// The digest of all bytes read so far; call after the stream reached its end. It stays available after the
    /// stream is disposed (a decompressor that owns this stream disposes it before the caller checks the digest).
    /// </summary>
    public Digest Digest => _final ?? Digest.FromSha256Hash(_hash.GetCurrentHash());

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            _hash.AppendData(buffer[..n]);
            BytesRead += n;
            onRead?.Invoke(n);
        }

        return n;
    }

    /// <summary>Reads to the end, so trailing bytes a decompressor did not need are still hashed and counted.</summary>
    public void DrainToEnd()
    {
        var buffer = new byte[1 << 16];
        while (Read(buffer) > 0) { }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _final is null)
        {
            _final = Digest.FromSha256Hash(_hash.GetCurrentHash());
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
