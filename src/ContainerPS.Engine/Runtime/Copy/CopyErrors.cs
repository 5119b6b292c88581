using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>The stable error ids of Copy-ContainerItem.</summary>
internal static class CopyErrors
{
    public static ContainerPSException ContainerPathNotFound(string path, Exception? inner = null) =>
        Fail.NotFound("ContainerPathNotFound", $"No such path in the container: '{path}'.", path, inner);

    public static ContainerPSException HostPathNotFound(string path, Exception? inner = null) =>
        Fail.NotFound("HostPathNotFound", $"No such path on the host: '{path}'.", path, inner);

    public static ContainerPSException PathEscapesContainer(string path) =>
        Fail.PermissionDenied("PathEscapesContainer", $"The container path '{path}' leads outside the container's root (a mount crossing or magic link was refused).", path);

    public static ContainerPSException Failed(string message, string? path, Exception? inner = null) =>
        Fail.Internal("CopyFailed", message, path, inner);
}
