namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>A clock the test moves by hand, for caches whose entries expire.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
