using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// SQLite saves that arrive while one is being written share its commit (SqliteCommitGroups). These pin down what
/// that must never change: no save returns before the commit holding its rows is on disk, and a save that fails takes
/// back its own rows only; and what happens to saves that cannot or need not go on (a bounded wait, the caller gone,
/// a failed commit). Each save here writes an audit entry, so what is stored can be counted from outside.
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

    [Fact]
    public async Task A_save_waits_for_its_turn_a_bounded_time_and_one_whose_caller_has_gone_never_runs()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        var groups = new SqliteCommitGroups(new SqliteWriteGate(), app.Services.GetRequiredService<ServiceMetrics>())
        {
            Patience = TimeSpan.FromMilliseconds(300),
        };
        var holding = new TaskCompletionSource();
        var letGo = new TaskCompletionSource();
        await using var first = app.Db();
        await using var second = app.Db();
        await using var third = app.Db();
        var firstSave = groups.SaveAsync(first, async cancellation =>
        {
            var saved = await Write(first, "first", cancellation);
            holding.SetResult();
            await letGo.Task;
            return saved;
        }, CancellationToken.None);
        await holding.Task;

        // Too long in the queue: refused as busy (503), its work never run.
        var ran = false;
        var busy = await Assert.ThrowsAsync<SqliteException>(() => groups.SaveAsync(second, cancellation => { ran = true; return Write(second, "second", cancellation); }, CancellationToken.None));
        Assert.Equal(5, busy.SqliteErrorCode);
        // A caller that hung up while waiting: dropped before it starts.
        using var hungUp = new CancellationTokenSource();
        var dropped = groups.SaveAsync(third, cancellation => { ran = true; return Write(third, "third", cancellation); }, hungUp.Token);
        await hungUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);

        letGo.SetResult();
        Assert.Equal(1, await firstSave); // committed alone: nobody is left waiting for it
        Assert.False(ran);
        Assert.Equal(["first"], await Stored(app));
    }

    [Fact]
    public async Task When_the_shared_commit_fails_every_member_is_told_nothing_was_stored_whatever_it_met_itself()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        var groups = app.Services.GetRequiredService<SqliteCommitGroups>();
        var writing = new TaskCompletionSource();
        var letGo = new TaskCompletionSource();
        await using var first = app.Db();
        await using var second = app.Db();
        await using var third = app.Db();
        // The first leaves a foreign key broken until COMMIT, which then fails for the whole group.
        var firstSave = groups.SaveAsync(first, async cancellation =>
        {
            await first.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", cancellation);
            await first.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"ReferralConcerns\" (\"ReferralId\", \"CategoryCode\") VALUES ('00000000-0000-0000-0000-00000000F00D', 'neglect')", cancellation);
            var saved = await Write(first, "first", cancellation);
            writing.SetResult();
            await letGo.Task;
            return saved;
        }, CancellationToken.None);
        await writing.Task;
        // The second meets a refusal of its own (as a lost race would be, 412); the third writes normally.
        var secondSave = groups.SaveAsync<int>(second, _ => throw new InvalidOperationException("a refusal of its own"), CancellationToken.None);
        var thirdSave = groups.SaveAsync(third, cancellation => Write(third, "third", cancellation), CancellationToken.None);
        await WaitUntil(() => groups.Waiting == 2);
        letGo.SetResult();

        foreach (var save in new[] { firstSave, secondSave, thirdSave })
            Assert.Equal(5, (await Assert.ThrowsAsync<SqliteException>(() => save)).SqliteErrorCode);
        Assert.Empty(await Stored(app));
    }

    [Fact]
    public async Task A_reads_audit_entry_and_the_delivery_workers_updates_take_their_turn_at_the_write_gate()
    {
        using var app = new ReferralsApp(Engine.Sqlite, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        await Feedback.Feedbacking.Subscribe(app, receiver.Url);
        var referral = await Triage.Triaging.Submit(app); // its acknowledgement is due for delivery
        var reader = app.As(Roles.Practitioner);
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        await gate.EnterAsync(); // another writer has the turn (SQLite itself is not locked)
        var read = reader.GetAsync($"/v1/referrals/{referral.Id}");
        var delivering = Task.Run(() => app.Dispatcher.DeliverDueAsync(CancellationToken.None));
        await Task.Delay(500);
        // Outside the queue they would have gone straight to SQLite (and, under load, slept in its busy retries).
        Assert.False(read.IsCompleted, "the read's audit entry was written without waiting its turn");
        Assert.False(delivering.IsCompleted, "the delivery worker's claim was written without waiting its turn");
        Assert.Empty(receiver.Accepted);
        gate.Exit();
        Assert.Equal(HttpStatusCode.OK, (await read).StatusCode);
        Assert.Equal(1, await delivering);
        Assert.Single(receiver.Accepted);
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
