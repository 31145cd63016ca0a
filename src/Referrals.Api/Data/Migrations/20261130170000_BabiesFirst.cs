using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Babies first: whether a referral is about an unborn baby or a baby under one, each contact's flag, the fortnight
/// totals' counts of them, and queue places with room for babies before the rest of each band (old places doubled, plus
/// one: the same order until the start after the upgrade works out which referrals are about babies, in C#, because
/// the two engines share no way to compare a date of birth with a receipt instant).
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130170000_BabiesFirst")]
public sealed class BabiesFirst : Migration
{
    private static readonly string[] Counts = ["BabyContacts", "BabyFirstDecisions", "BabyDecidedOnTime"];

    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<bool>("AboutABaby", "Referrals", nullable: true);
        migration.AddColumn<bool>("Baby", "ContactFacts", nullable: false, defaultValue: false);
        foreach (var count in Counts) migration.AddColumn<int>(count, "FortnightFigures", nullable: false, defaultValue: 0);
        migration.Sql("""UPDATE "Referrals" SET "QueuePriority" = "QueuePriority" * 2 + 1""");
    }

    protected override void Down(MigrationBuilder migration) =>
        throw new NotSupportedException("Babies first is not undone.");
}
