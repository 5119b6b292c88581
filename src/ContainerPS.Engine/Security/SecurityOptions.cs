using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Security;

/// <summary>
/// Parses -SecurityOption items as docker's --security-opt spells them: <c>seccomp=unconfined</c>,
/// <c>seccomp=PATH</c> (or docker's older <c>seccomp:PATH</c>), <c>no-new-privileges</c>,
/// <c>no-new-privileges=true|false</c> (or <c>:</c>). Anything else is <c>SecurityOptionInvalid</c>: an option
/// silently ignored would be a container less confined than its owner believes.
/// </summary>
public static class SecurityOptions
{
    public const string DefaultProfile = "default";
    public const string Unconfined = "unconfined";

    public static SecurityChoice Parse(IReadOnlyList<string>? options)
    {
        string seccomp = DefaultProfile;
        bool noNewPrivileges = true;
        var normalized = new List<string>();
        foreach (string option in options ?? [])
        {
            var (name, value) = Split(option);
            switch (name)
            {
                case "seccomp" when !string.IsNullOrEmpty(value):
                    seccomp = value == Unconfined ? Unconfined : Path.GetFullPath(value);
                    normalized.Add($"seccomp={seccomp}");
                    break;
                case "no-new-privileges" when value is null or "true" or "false":
                    noNewPrivileges = value != "false";
                    normalized.Add($"no-new-privileges={(noNewPrivileges ? "true" : "false")}");
                    break;
                default:
                    throw Fail.InvalidArgument("SecurityOptionInvalid",
                        $"Security option '{option}' is not one ContainerPS knows: use seccomp=unconfined, seccomp=<profile.json>, or no-new-privileges[=true|false].", option);
            }
        }
        return new SecurityChoice(seccomp, noNewPrivileges, normalized);
    }

    /// <summary>name=value or name:value (docker accepted both); a bare name has no value.</summary>
    private static (string Name, string? Value) Split(string option)
    {
        int at = option.IndexOfAny(['=', ':']);
        return at < 0 ? (option.Trim(), null) : (option[..at].Trim(), option[(at + 1)..].Trim());
    }
}
