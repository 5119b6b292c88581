using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Tests.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>How the planner takes ADD's own parts: URL sources, --checksum, and which step extracts archives.</summary>
public sealed class CopyPlannerAddTests : IDisposable
{
    private readonly TempContext _context = new TempContext().File("a.txt", "a");

    public void Dispose() => _context.Dispose();

    private Task<CopyPlan> PlanAsync(string line)
    {
        var instruction = DockerfileAssert.Parse("FROM scratch", line).Stages[0].Instructions[0];
        var planner = new CopyPlanner(_context.Open(), '\\', new UrlDownloader(Path.Combine(_context.Parent, "downloads")));
        return planner.PlanAsync(instruction, _ => null, null, (_, _) => throw new InvalidOperationException(), CancellationToken.None);
    }

    private async Task<string> FailsAsync(string line) => (await Assert.ThrowsAsync<ContainerPSException>(() => PlanAsync(line))).ErrorId;

    [Fact]
    public async Task OnlyAddExtracts()
    {
        Assert.True((await PlanAsync("ADD a.txt /x/")).ExtractArchives);
        Assert.False((await PlanAsync("COPY a.txt /x/")).ExtractArchives);
    }

    [Fact]
    public async Task ChecksumIsAddsAndForUrlsOnly()
    {
        var digest = "sha256:" + new string('a', 64);
        Assert.Equal("DockerfileParseError", await FailsAsync($"COPY --checksum={digest} a.txt /x/")); // the front end knows it is ADD's
        Assert.Equal(BuildErrors.InvalidFlagId, await FailsAsync($"ADD --checksum={digest} a.txt /x/"));
        Assert.Equal(BuildErrors.InvalidFlagId, await FailsAsync("ADD --checksum=md5:abc http://127.0.0.1:1/f /x/"));
    }

    [Fact]
    public async Task AnUnreachableUrlFailsAtPlanTime() =>
        Assert.Equal(BuildErrors.DownloadFailedId, await FailsAsync("ADD http://127.0.0.1:1/f /x/"));

    [Fact]
    public async Task CopyOfAUrlIsAContextPath() =>
        Assert.NotEqual(BuildErrors.DownloadFailedId, await FailsAsync("COPY http://127.0.0.1:1/f /x/"));
}
