using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// The performance figures' summary: one row per contact, kept in step with its referral in the
/// same transaction. Referrals received before it existed are summarised at start (ContactFactsBackfill).
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261125210000_ContactFacts")]
public sealed class ContactFacts : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.CreateTable(
            name: "ContactFacts",
            columns: table => new
            {
                ContactId = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                ChildKey = table.Column<string>(maxLength: 64, nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                AgencyType = table.Column<string>(maxLength: 50, nullable: false),
                SourceCode = table.Column<string>(maxLength: 50, nullable: false),
                Locality = table.Column<string>(maxLength: 200, nullable: false),
                Channel = table.Column<string>(maxLength: 50, nullable: false),
                ConcernCategories = table.Column<string>(maxLength: 1000, nullable: false),
                Gender = table.Column<string>(maxLength: 50, nullable: true),
                Ethnicity = table.Column<string>(maxLength: 200, nullable: true),
                QualityScore = table.Column<int>(nullable: false),
                ConsentAddressed = table.Column<bool>(nullable: false),
                ChildsVoice = table.Column<bool>(nullable: false),
                ActionsTaken = table.Column<bool>(nullable: false),
                ReferrerLevel = table.Column<int>(nullable: false),
                ReReferral = table.Column<bool>(nullable: false),
                ReferralsInTwelveMonths = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 50, nullable: false),
                ReturnedForInformation = table.Column<bool>(nullable: false),
                DecisionDueAt = table.Column<DateTime>(nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(maxLength: 50, nullable: true),
                PractitionerLevel = table.Column<int>(nullable: true),
                QualityRating = table.Column<string>(maxLength: 50, nullable: true),
                QualityReasons = table.Column<string>(maxLength: 600, nullable: false),
                Team = table.Column<string>(maxLength: 200, nullable: true),
                Worker = table.Column<string>(maxLength: 100, nullable: true),
                OutcomeReadyAt = table.Column<DateTime>(nullable: true),
                OutcomeDueAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ContactFacts", x => x.ContactId);
                table.ForeignKey("FK_ContactFacts_Contacts_ContactId", x => x.ContactId, "Contacts", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_ContactFacts_ReceivedAt", "ContactFacts", "ReceivedAt");
        migration.CreateIndex("IX_ContactFacts_ReferralId", "ContactFacts", "ReferralId");
    }

    protected override void Down(MigrationBuilder migration) => migration.DropTable("ContactFacts");
}
