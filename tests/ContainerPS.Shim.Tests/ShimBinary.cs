using System.Diagnostics;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// The published containerps-shim: $CONTAINERPS_SHIM when set (build.ps1 points it at the staged module), otherwise
/// `dotnet publish` of src/ContainerPS.Shim into a temp directory, once per test run.
/// </summary>
internal static class ShimBinary
{
    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string Path => LazyPath.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("CONTAINERPS_SHIM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException("CONTAINERPS_SHIM does not exist", configured);
        }
        string output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "containerps-shim-tests-" + Environment.ProcessId);
        string project = System.IO.Path.Combine(RepositoryRoot(), "src", "ContainerPS.Shim");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string log = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish of the shim failed:\n{log}");
        return System.IO.Path.Combine(output, "containerps-shim");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ContainerPS.slnx"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException("the repository root (ContainerPS.slnx) is not above the test assembly");
    }
}
