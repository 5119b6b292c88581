using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class ContainerStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cps-containers-").FullName;
    private readonly ContainerStore _store;

    public ContainerStoreTests()
    {
        var layout = new StoreLayout(_root);
        layout.EnsureCreated();
        _store = new ContainerStore(layout);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_container_exists_once_its_record_is_written_and_a_half_created_directory_is_not_listed()
    {
        var id = ContainerIds.New();
        var paths = _store.CreateDirectory(id);
        Assert.Empty(_store.List());

        _store.Write(Record(id, "web"));

        Assert.Equal("web", Assert.Single(_store.List()).Name);
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(paths.Directory));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(paths.Upper));
        Assert.Empty(Directory.EnumerateFileSystemEntries(paths.Rootfs));
        Assert.Empty(Directory.EnumerateFiles(paths.Directory, ".tmp-*"));
    }

    [Fact]
    public void Ids_are_64_random_hex_digits()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => ContainerIds.New()).ToList();

        Assert.All(ids, id => Assert.True(ContainerIds.IsId(id)));
        Assert.Equal(100, ids.Distinct().Count());
    }

    [Fact]
    public void A_container_is_found_by_id_name_or_unique_prefix()
    {
        var first = Add("aaaa" + new string('1', 60), "alpha");
        var second = Add("aaab" + new string('2', 60), "beta");

        Assert.Equal(first.Id, _store.Resolve(first.Id).Id);
        Assert.Equal(second.Id, _store.Resolve("beta").Id);
        Assert.Equal(first.Id, _store.Resolve("aaaa").Id);
        Assert.Equal("ContainerIdAmbiguous", Assert.Throws<ContainerPSException>(() => _store.Resolve("aaa")).ErrorId);
        Assert.Equal("ContainerNotFound", Assert.Throws<ContainerPSException>(() => _store.Resolve("gamma")).ErrorId);
    }

    [Fact]
    public void Removal_takes_the_whole_directory()
    {
        var record = Add(ContainerIds.New(), "gone");
        File.WriteAllText(_store.PathsOf(record.Id).LogFile, "{}\n");

        _store.Delete(record.Id);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.Directory));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("a1")]
    [InlineData("my_app.v2-blue")]
    public void Docker_style_names_are_accepted(string name) => ContainerNames.Validate(name);

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData("web/1")]
    [InlineData("web 1")]
    [InlineData("")]
    public void Names_docker_would_refuse_are_refused(string name)
    {
        Assert.Equal("InvalidContainerName", Assert.Throws<ContainerPSException>(() => ContainerNames.Validate(name)).ErrorId);
    }

    [Fact]
    public void A_generated_name_is_not_one_already_taken()
    {
        var taken = new HashSet<string>();
        for (var i = 0; i < 300; i++) Assert.True(taken.Add(ContainerNames.Generate(taken)));
    }

    [Fact]
    public void Renaming_to_a_taken_name_is_refused_and_concurrent_renames_to_one_name_let_exactly_one_win()
    {
        var service = new ContainerService(_root);
        var ids = Enumerable.Range(0, 8).Select(i => Add(ContainerIds.New(), $"c{i}").Id).ToList();

        Assert.Equal("ContainerNameInUse", Assert.Throws<ContainerPSException>(() => service.Rename("c0", "c1")).ErrorId);

        var outcomes = ids.AsParallel().WithDegreeOfParallelism(8).Select(id =>
        {
            try
            {
                new ContainerService(_root).Rename(id, "winner");
                return "renamed";
            }
            catch (ContainerPSException e)
            {
                return e.ErrorId;
            }
        }).ToList();

        Assert.Equal(1, outcomes.Count(o => o == "renamed"));
        Assert.Equal(7, outcomes.Count(o => o == "ContainerNameInUse"));
        Assert.Single(service.List(), c => c.Name == "winner");
    }

    [Fact]
    public void A_container_that_never_started_is_created_and_removing_it_needs_no_supervisor()
    {
        var service = new ContainerService(_root);
        var record = Add(ContainerIds.New(), "fresh");

        Assert.Equal(ContainerStatusKind.Created, service.Get("fresh").Status);
        service.Remove("fresh");

        Assert.Empty(service.List());
        Assert.False(Directory.Exists(_store.PathsOf(record.Id).Directory));
    }

    [Fact]
    public void The_state_root_is_per_store_so_throwaway_roots_never_share_state()
    {
        var one = new ContainerService(_root).StateRoot;
        var other = new ContainerService(Path.Combine(_root, "other")).StateRoot;

        Assert.StartsWith("/run/containerps/", one);
        Assert.Equal("/run/containerps/".Length + 12, one.Length);
        Assert.NotEqual(one, other);
    }

    private ContainerRecord Add(string id, string name)
    {
        _store.CreateDirectory(id);
        var record = Record(id, name);
        _store.Write(record);
        return record;
    }

    private static ContainerRecord Record(string id, string name) => new()
    {
        Id = id,
        Name = name,
        Image = "test/image",
        ImageId = "sha256:" + new string('0', 64),
        Created = DateTimeOffset.UtcNow,
        Command = ["/bin/sh"],
        Hostname = id[..12],
        StopSignal = "SIGTERM",
        Options = new CreateOptions { Image = "test/image", Name = name },
    };
}
