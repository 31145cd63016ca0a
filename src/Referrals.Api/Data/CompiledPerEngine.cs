using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data;

/// <summary>
/// A query compiled once per database engine: an EF Core compiled query keeps what it was first run with, and one
/// process may hold both engines (the tests do). For the reads inside every write transaction, where EF Core's
/// per-call LINQ work is paid while, on SQLite, every other writer waits.
/// </summary>
public sealed class CompiledPerEngine<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<string, TQuery> _byEngine = new();

    public TQuery For(DbContext db) => _byEngine.GetOrAdd(db.Database.ProviderName!, _ => compile());
}
