using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Data;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// SQLite saves that arrive while one is being written share its commit (SqliteCommitGroups). These pin down what
/// that must never change: no save returns before the commit holding its rows is on disk, and a save that fails takes
/// back its own rows only. Each save here writes an audit entry, so what is stored can be counted from outside.
/// </summary>
public sealed class SqliteCommitGroupsTests
{
    [Fact]
    public async Task Saves_arriving_during_one_share_its_commit_and_none_returns_before_it()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        var groups = app.Services.GetRequiredService<SqliteCommitGroups>();
        var firstWriting = new TaskCompletionSource();
        var letFirstFinish = new TaskCompletionSource();
        await using var first = app.Db();
        await using var second = app.Db();
        await using var third = app.Db();

        var firstSave = groups.SaveAsync(first, async cancellation =>
        {
            var saved = await Write(first, "first", cancellation);
            firstWriting.SetResult();
            await letFirstFinish.Task;
            return saved;
        }, CancellationToken.None);
        await firstWriting.Task;
        // Both arrive while the first is writing, so they join its group; the second fails after writing its row.
        var secondSave = groups.SaveAsync<int>(second, async cancellation =>
        {
            await Write(second, "second", cancellation);
            throw new InvalidOperationException("the second save fails after writing");
        }, CancellationToken.None);
        var thirdSave = groups.SaveAsync(third, cancellation => Write(third, "third", cancellation), CancellationToken.None);
        await WaitUntil(() => groups.Waiting == 2);

        letFirstFinish.SetResult();
        await Task.WhenAll(firstSave.ContinueWith(_ => { }), secondSave.ContinueWith(_ => { }), thirdSave.ContinueWith(_ => { }));

        Assert.Equal(1, await firstSave);
        Assert.Equal("the second save fails after writing", (await Assert.ThrowsAsync<InvalidOperationException>(() => secondSave)).Message);
        Assert.Equal(1, await thirdSave);
        Assert.Equal(["first", "third"], await Stored(app));
    }

    [Fact]
    public async Task A_save_waiting_in_a_group_is_not_visible_until_the_group_commits()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        var groups = app.Services.GetRequiredService<SqliteCommitGroups>();
        var firstWritten = new TaskCompletionSource();
        var letSecondFinish = new TaskCompletionSource();
        var secondWriting = new TaskCompletionSource();
        await using var first = app.Db();
        await using var second = app.Db();

        // The first finishes while the second is already waiting its turn, so the first must not commit alone.
        var holdFirst = new TaskCompletionSource();
        var firstSave = groups.SaveAsync(first, async cancellation =>
        {
            var saved = await Write(first, "first", cancellation);
            firstWritten.SetResult();
            await holdFirst.Task;
            return saved;
        }, CancellationToken.None);
        await firstWritten.Task;
        var secondSave = groups.SaveAsync(second, async cancellation =>
        {
            secondWriting.SetResult();
            await letSecondFinish.Task;
            return await Write(second, "second", cancellation);
        }, CancellationToken.None);
        await WaitUntil(() => groups.Waiting == 1);
        holdFirst.SetResult();
        await secondWriting.Task;

        // The first's work is done but its group is still open: it has not returned and nothing is visible outside.
        Assert.False(firstSave.IsCompleted);
        Assert.Empty(await Stored(app));

        letSecondFinish.SetResult();
        Assert.Equal(1, await firstSave);
        Assert.Equal(1, await secondSave);
        Assert.Equal(["first", "second"], await Stored(app));
    }

    private static Task<int> Write(ReferralsDbContext db, string who, CancellationToken cancellation)
    {
        db.AuditEntries.Add(new AuditEntry { Id = Guid.CreateVersion7(), At = DateTimeOffset.UtcNow, UserId = who, UserName = who, Role = "test", Action = "test.grouped" });
        return db.SaveChangesAsync(cancellation);
    }

    private static async Task<List<string>> Stored(ReferralsApp app)
    {
        await using var db = app.Db();
        return await db.AuditEntries.Where(a => a.Action == "test.grouped").OrderBy(a => a.UserId).Select(a => a.UserId).ToListAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
