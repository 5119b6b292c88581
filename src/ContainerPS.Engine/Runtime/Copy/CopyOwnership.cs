namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// The owner, and optionally the mode, every copied entry gets in place of its source's: a Dockerfile COPY gives
/// everything uid and gid 0 unless <c>--chown</c> says otherwise, and <c>--chmod</c> one mode (Dockerfile reference, "COPY").
/// </summary>
internal sealed record CopyOwnership(uint Uid, uint Gid, ushort? Mode = null);
