using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// The id a child has in the inspection lists: random, so it carries nothing about the child, and stored, so the
/// same child has the same id in every list, every export and every year. Keyed by the child's matching key.
/// </summary>
public sealed class KnownChildId
{
    public string ChildKey { get; init; } = "";
    /// <summary>"C" and 16 random characters of Crockford's base 32 (80 bits).</summary>
    public string Id { get; init; } = "";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewId() =>
        "C" + string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(Alphabet, 16));
}

internal sealed class KnownChildIdConfiguration : IEntityTypeConfiguration<KnownChildId>
{
    public void Configure(EntityTypeBuilder<KnownChildId> e)
    {
        e.ToTable("KnownChildIds");
        e.HasKey(c => c.ChildKey);
        e.Property(c => c.ChildKey).HasMaxLength(64);
        e.Property(c => c.Id).HasMaxLength(20).IsRequired();
        e.HasIndex(c => c.Id).IsUnique();
    }
}
