using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Tests.Build;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>Dockerfile reference, "COPY": destinations relative to WORKDIR, directory forms, flags, and the content key.</summary>
public sealed class CopyPlannerTests : IDisposable
{
    private readonly string _context = Directory.CreateTempSubdirectory("copy-plan-").FullName;

    public CopyPlannerTests()
    {
        File.WriteAllText(Path.Combine(_context, "a.txt"), "a");
        File.WriteAllText(Path.Combine(_context, "b.txt"), "b");
    }

    public void Dispose() => Directory.Delete(_context, recursive: true);

    private Task<CopyPlan> PlanAsync(string line, string? workingDirectory = null)
    {
        var instruction = DockerfileAssert.Parse("FROM busybox", line).Stages[0].Instructions[0];
        var context = BuildContext.Open(_context, Path.Combine(_context, "Dockerfile"));
        return new CopyPlanner(context, DockerfileDirectives.DefaultEscape)
            .PlanAsync(instruction, name => name == "DEST" ? "/opt/app" : null, workingDirectory,
                (_, _) => throw new InvalidOperationException("no --from here"), CancellationToken.None);
    }

    [Theory]
    [InlineData("COPY a.txt dest", "/work", "/work/dest", false)]
    [InlineData("COPY a.txt dest/", "/work", "/work/dest", true)]
    [InlineData("COPY a.txt .", "/work", "/work", true)]
    [InlineData("COPY a.txt ../up/x", "/work/sub", "/work/up/x", false)]
    [InlineData("COPY a.txt $DEST/", null, "/opt/app", true)]
    [InlineData("COPY [\"a.txt\", \"/json dest/\"]", null, "/json dest", true)]
    public async Task The_destination_is_absolute_and_keeps_its_directory_form(string line, string? workingDirectory, string destination, bool isDirectory)
    {
        var plan = await PlanAsync(line, workingDirectory);
        Assert.Equal((destination, isDirectory), (plan.Destination, plan.DestinationIsDirectory));
    }

    [Fact]
    public async Task Several_sources_need_a_directory_destination()
    {
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => PlanAsync("COPY a.txt b.txt /dest"));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.Contains("must be a directory and end with a /", error.Message);
    }

    [Fact]
    public async Task Chmod_is_octal()
    {
        Assert.Equal((ushort)0x1E9, (await PlanAsync("COPY --chmod=751 a.txt /x")).Chmod);
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => PlanAsync("COPY --chmod=u+x a.txt /x"));
        Assert.Equal(BuildErrors.InvalidFlagId, error.ErrorId);
    }

    [Fact]
    public void An_unknown_flag_is_refused_by_the_parser()
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerfileAssert.Parse("FROM busybox", "COPY --frobnicate a.txt /x"));
        Assert.Equal("DockerfileParseError", error.ErrorId);
    }

    [Fact]
    public async Task The_content_key_follows_content_and_mode_but_not_mtime()
    {
        var before = (await PlanAsync("COPY a.txt /x")).ContentKey;
        File.SetLastWriteTimeUtc(Path.Combine(_context, "a.txt"), new DateTime(2001, 2, 3, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(before, (await PlanAsync("COPY a.txt /x")).ContentKey);

        File.SetUnixFileMode(Path.Combine(_context, "a.txt"), UnixFileMode.UserRead);
        var moded = (await PlanAsync("COPY a.txt /x")).ContentKey;
        Assert.NotEqual(before, moded);

        File.WriteAllText(Path.Combine(_context, "a.txt"), "changed");
        Assert.NotEqual(moded, (await PlanAsync("COPY a.txt /x")).ContentKey);
    }
}
