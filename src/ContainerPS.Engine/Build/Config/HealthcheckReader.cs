using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Build.Config;

/// <summary>
/// Turns a parsed <c>HEALTHCHECK</c> into the config's <see cref="Healthcheck"/> (Dockerfile reference, "HEALTHCHECK"):
/// <c>NONE</c> disables a check inherited from the base image, <c>CMD</c> in exec form runs its words
/// (<c>["CMD", ...]</c>) and in shell form runs through the container's shell (<c>["CMD-SHELL", "..."]</c>). The
/// durations must be 0 or at least 1ms and the retries must not be negative, as Docker checks them.
/// </summary>
internal static class HealthcheckReader
{
    private const long MinimumNanoseconds = 1_000_000;

    public static Healthcheck Read(DockerfileInstruction instruction)
    {
        if (instruction.Subcommand is not { } command) return new Healthcheck { Test = ["NONE"] };
        return new Healthcheck
        {
            Test = TestOf(command),
            Interval = DurationOf(instruction, "interval"),
            Timeout = DurationOf(instruction, "timeout"),
            StartPeriod = DurationOf(instruction, "start-period"),
            StartInterval = DurationOf(instruction, "start-interval"),
            Retries = RetriesOf(instruction),
        };
    }

    private static string[] TestOf(DockerfileInstruction command)
    {
        string[] test = command.JsonForm is { } words ? ["CMD", .. words] : ["CMD-SHELL", command.Arguments];
        if (test.Length < 2) throw DockerfileErrors.Parse(command.Location, "Missing command after HEALTHCHECK CMD");
        return test;
    }

    private static long? DurationOf(DockerfileInstruction instruction, string flag)
    {
        string? text = instruction.Flag(flag);
        if (string.IsNullOrEmpty(text)) return null;
        if (!GoDuration.TryParse(text, out long nanoseconds)) throw DockerfileErrors.Parse(instruction.Location, $"invalid duration \"{text}\" for --{flag}");
        if (nanoseconds == 0) return null;
        if (nanoseconds < MinimumNanoseconds) throw DockerfileErrors.Parse(instruction.Location, $"Interval \"{flag}\" cannot be less than 1ms");
        return nanoseconds;
    }

    private static int? RetriesOf(DockerfileInstruction instruction)
    {
        string? text = instruction.Flag("retries");
        if (string.IsNullOrEmpty(text)) return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, null, out int retries)) throw DockerfileErrors.Parse(instruction.Location, $"invalid --retries \"{text}\": not a number");
        if (retries < 0) throw DockerfileErrors.Parse(instruction.Location, "--retries cannot be negative");
        return retries == 0 ? null : retries;
    }
}
