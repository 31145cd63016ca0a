using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Contacts and referrals as the DfE counts them: when a contact became a referral (accepted for an assessment or a
/// strategy discussion), re-referrals counted among referrals only, the forms received counted apart from referrals in
/// the fortnight totals, and the team and worker an accepted child is allocated to. Which stored contacts are referrals
/// is worked out from their decisions at the start after the upgrade (ContactFactsBackfill), and the totals, emptied
/// here, are worked out again from the contacts.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130200000_ContactsAndReferrals")]
public sealed class ContactsAndReferrals : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<string>("AllocatedTeam", "Contacts", maxLength: 200, nullable: true);
        migration.AddColumn<string>("AllocatedWorker", "Contacts", maxLength: 100, nullable: true);
        migration.AddColumn<DateTime>("AllocatedAt", "Contacts", nullable: true);
        migration.AddColumn<DateTime>("ReferredAt", "ContactFacts", nullable: true);
        migration.CreateIndex("IX_ContactFacts_ChildKey", "ContactFacts", "ChildKey");
        migration.RenameColumn("Referrals", "FortnightFigures", "FormsReceived");
        migration.AddColumn<int>("Referrals", "FortnightFigures", nullable: false, defaultValue: 0);
        // Re-referrals were counted among every form received, and the worker was the front door's triager: neither
        // stands. Both are worked out again from the decisions and allocations.
        migration.Sql("""UPDATE "ContactFacts" SET "ReReferral" = FALSE, "ReferralsInTwelveMonths" = 0, "Worker" = NULL""");
        migration.Sql("""DELETE FROM "FortnightFigures" """);
    }

    protected override void Down(MigrationBuilder migration) =>
        throw new NotSupportedException("Contacts and referrals are not undone.");
}
