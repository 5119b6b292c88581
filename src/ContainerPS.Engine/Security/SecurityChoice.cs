namespace ContainerPS.Engine.Security;

/// <summary>
/// What a container's -SecurityOption items (docker's --security-opt) come to.
/// </summary>
/// <param name="Seccomp"><see cref="SecurityOptions.DefaultProfile"/>, <see cref="SecurityOptions.Unconfined"/>, or a profile file's full path.</param>
/// <param name="NoNewPrivileges">ContainerPS keeps no_new_privs on unless <c>no-new-privileges=false</c> (stricter than docker).</param>
/// <param name="Normalized">The options as <c>name=value</c>, in the order given.</param>
public sealed record SecurityChoice(string Seccomp, bool NoNewPrivileges, IReadOnlyList<string> Normalized);
