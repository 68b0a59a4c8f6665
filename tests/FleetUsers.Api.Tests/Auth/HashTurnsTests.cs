using FleetUsers.Application.Auth;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>Hash turns: one at a time here; a waiter of the first priority gets the next free turn before any of the last.</summary>
public sealed class HashTurnsTests
{
    /// <summary>A turn that never comes fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly HashTurns _turns = new(1);

    [Fact]
    public async Task Release_GivesTheTurnToTheFirstPriority_EvenWhenTheLastWaitedLonger()
    {
        await _turns.WaitAsync(HashPriority.Last, CancellationToken.None);
        var last = _turns.WaitAsync(HashPriority.Last, CancellationToken.None);
        var first = _turns.WaitAsync(HashPriority.First, CancellationToken.None);

        _turns.Release();

        await first.WaitAsync(Patience);
        Assert.False(last.IsCompleted);
        _turns.Release();
        await last.WaitAsync(Patience);
    }

    [Fact]
    public async Task Release_PassesOverAWaiterThatGaveUp()
    {
        await _turns.WaitAsync(HashPriority.First, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var cancelled = _turns.WaitAsync(HashPriority.First, giveUp.Token);
        var waiting = _turns.WaitAsync(HashPriority.Last, CancellationToken.None);

        await giveUp.CancelAsync();
        _turns.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await waiting.WaitAsync(Patience);
    }

    [Fact]
    public async Task Release_WithNobodyWaiting_FreesTheTurn()
    {
        await _turns.WaitAsync(HashPriority.Last, CancellationToken.None);
        _turns.Release();

        await _turns.WaitAsync(HashPriority.Last, CancellationToken.None).WaitAsync(Patience);
    }
}
