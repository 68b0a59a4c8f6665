using FleetUsers.Domain;

namespace FleetUsers.Domain.Tests;

public sealed class SortableIdTests
{
    [Fact]
    public void IdsMadeMicrosecondsApartWithinOneMillisecond_SortInTheOrderMade_AsTextAndAsBytes()
    {
        var start = new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, TimeSpan.Zero);
        var made = Enumerable.Range(0, 2000).Select(i => SortableId.At(start.AddTicks(i * 3))).ToList(); // 300 ns apart, across 2 ms

        Assert.Equal(made.Select(id => id.ToString()), made.Select(id => id.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(made, made.Order()); // Guid's own order (PostgreSQL's uuid order is the same, byte by byte)
        Assert.All(made, id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public void TheMillisecond_IsGuidCreateVersion7s()
    {
        var time = DateTimeOffset.UtcNow;

        Assert.Equal(Guid.CreateVersion7(time).ToString()[..13], SortableId.At(time).ToString()[..13]);
    }
}
