using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>
/// A container's (or an exec'd command's) exit reported as PowerShell reports a native command's (about_Preference_Variables,
/// "$PSNativeCommandUseErrorActionPreference"): $LASTEXITCODE is always set, and a non-zero code is an error record
/// only when that preference is $true, which then follows -ErrorAction and $ErrorActionPreference as any error.
/// </summary>
internal static class NativeExitCode
{
    private const string PreferenceVariable = "PSNativeCommandUseErrorActionPreference";

    public static void Report(PSCmdlet cmdlet, int exitCode, Func<ErrorRecord> errorForNonZero)
    {
        SetLastExitCode(cmdlet, exitCode);
        if (exitCode != 0 && LanguagePrimitives.IsTrue(cmdlet.GetVariableValue(PreferenceVariable))) cmdlet.WriteError(errorForNonZero());
    }

    /// <summary>$LASTEXITCODE alone, for output that carries the exit code itself (Invoke-ContainerCommand -PassThru).</summary>
    public static void SetLastExitCode(PSCmdlet cmdlet, int exitCode) => cmdlet.SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
}
