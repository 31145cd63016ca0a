using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Data;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// SQLite's writers queue at one gate in the process (SqliteWriteGate). A gate left held would stop every write,
/// so these prove it is let go on every path: a transaction abandoned without commit or rollback, a context whose
/// disposal throws, and requests cancelled mid-flight by clients that hang up.
/// </summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_transaction_abandoned_by_a_disposed_context_lets_the_next_writer_in()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        await using (var abandoned = app.Db())
        {
            await abandoned.Database.BeginTransactionAsync();
            // Disposed with the transaction open, as when a request fails between BEGIN and COMMIT.
        }

        await using var next = app.Db();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var transaction = await next.Database.BeginTransactionAsync(timeout.Token);
        await transaction.CommitAsync(timeout.Token);
    }

    [Fact]
    public async Task The_gate_is_let_go_even_when_disposing_the_context_throws()
    {
        var failing = new FailingDisposal();
        using var app = new ReferralsApp(Engine.Sqlite, services: services =>
            services.ConfigureDbContext<ReferralsDbContext>(options => options.AddInterceptors(failing)));
        var abandoned = app.Db();
        await abandoned.Database.BeginTransactionAsync();
        failing.Armed = true;
        // Disposing fails (a connection that will not close cleanly), with the transaction and the gate still held.
        await Assert.ThrowsAsync<IOException>(async () => await abandoned.DisposeAsync());
        failing.Armed = false;

        await using var next = app.Db();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var transaction = await next.Database.BeginTransactionAsync(timeout.Token);
        await transaction.CommitAsync(timeout.Token);
    }

    private sealed class FailingDisposal : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult> ConnectionDisposingAsync(
            System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result) =>
            Armed ? throw new IOException("the connection would not close") : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task Submissions_cancelled_mid_flight_leave_writes_flowing()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        var referrer = app.As(Roles.Referrer, Triage.Triaging.School);
        var random = new Random(7);
        var cancelled = Enumerable.Range(0, 40).Select(async i =>
        {
            using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(1, 60)));
            try { await referrer.PostAsync("/v1/referrals", System.Net.Http.Json.JsonContent.Create(Forms.Single("Cara", 9000 + i), options: Api.Common.Json.Options), hangUp.Token); }
            catch (OperationCanceledException) { }
        });
        await Task.WhenAll(cancelled);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = await referrer.PostAsync("/v1/referrals", System.Net.Http.Json.JsonContent.Create(Forms.Single("Dina", 9100), options: Api.Common.Json.Options), timeout.Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
