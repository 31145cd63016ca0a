using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Fortnight totals for the fortnightly report (a row per fortnight, agency, channel and outcome, a column per
/// additive count), its children (a row per child per group, for distinct counts), a covering index on contact
/// facts for times to decision, and the two fact columns they need. Totals for facts written before this are worked out
/// at start (ContactFactsBackfill), as are times to decision: SQL has no common way to subtract instants.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261126090000_FortnightFigures")]
public sealed class FortnightFigures : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<bool>("FirstOnReferral", "ContactFacts", nullable: false, defaultValue: false);
        migration.AddColumn<double>("HoursToDecision", "ContactFacts", nullable: true);
        migration.AddColumn<bool>("NewChildInFortnight", "ContactFacts", nullable: false, defaultValue: false);
        migration.AddColumn<bool>("NewChildForAgencyType", "ContactFacts", nullable: false, defaultValue: false);
        migration.AddColumn<bool>("NewChildForAgency", "ContactFacts", nullable: false, defaultValue: false);
        migration.Sql("""UPDATE "ContactFacts" SET "FirstOnReferral" = EXISTS (SELECT 1 FROM "Contacts" AS c WHERE c."Id" = "ContactFacts"."ContactId" AND c."Position" = 0)""");
        migration.DropIndex("IX_ContactFacts_ReceivedAt", "ContactFacts");
        migration.CreateIndex("IX_ContactFacts_ReceivedAt_HoursToDecision", "ContactFacts", ["ReceivedAt", "HoursToDecision"]);

        migration.CreateTable(
            name: "FortnightFigures",
            columns: table => new
            {
                Fortnight = table.Column<DateOnly>(nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                AgencyType = table.Column<string>(maxLength: 50, nullable: false),
                Channel = table.Column<string>(maxLength: 50, nullable: false),
                Outcome = table.Column<string>(maxLength: 50, nullable: false),
                Contacts = table.Column<int>(nullable: false),
                ContactsByForm = table.Column<int>(nullable: false),
                ReReferrals = table.Column<int>(nullable: false),
                NewChildren = table.Column<int>(nullable: false),
                NewChildrenForAgencyType = table.Column<int>(nullable: false),
                NewChildrenForAgency = table.Column<int>(nullable: false),
                Referrals = table.Column<int>(nullable: false),
                QualityScoreTotal = table.Column<int>(nullable: false),
                ConsentAddressed = table.Column<int>(nullable: false),
                ChildsVoice = table.Column<int>(nullable: false),
                ActionsTaken = table.Column<int>(nullable: false),
                ReturnedForInformation = table.Column<int>(nullable: false),
                Rated = table.Column<int>(nullable: false),
                RatedPoor = table.Column<int>(nullable: false),
                Levelled = table.Column<int>(nullable: false),
                LevelAgreed = table.Column<int>(nullable: false),
                Decided = table.Column<int>(nullable: false),
                FirstDecisions = table.Column<int>(nullable: false),
                DecidedOnTime = table.Column<int>(nullable: false),
                OutcomesSent = table.Column<int>(nullable: false),
                OutcomesSentOnTime = table.Column<int>(nullable: false),
                OutcomeNoFurtherAction = table.Column<int>(nullable: false),
                OutcomeInformationAndAdvice = table.Column<int>(nullable: false),
                OutcomeEarlyHelp = table.Column<int>(nullable: false),
                OutcomeSocialCareAssessment = table.Column<int>(nullable: false),
                OutcomeStrategyDiscussion = table.Column<int>(nullable: false),
                OutcomeAlreadyOpen = table.Column<int>(nullable: false),
                ReasonMissingIdentifiers = table.Column<int>(nullable: false),
                ReasonConsentNotAddressed = table.Column<int>(nullable: false),
                ReasonParentsNotAware = table.Column<int>(nullable: false),
                ReasonConcernUnclear = table.Column<int>(nullable: false),
                ReasonChildsVoiceAbsent = table.Column<int>(nullable: false),
                ReasonNoActionTaken = table.Column<int>(nullable: false),
                ReasonRiskNotExplained = table.Column<int>(nullable: false),
                ReasonLevelOfNeedMisjudged = table.Column<int>(nullable: false),
                ReasonWrongRoute = table.Column<int>(nullable: false),
                ReasonDuplicate = table.Column<int>(nullable: false),
                ReasonReferrerNotContactable = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_FortnightFigures", x => new { x.Fortnight, x.AgencyCode, x.AgencyType, x.Channel, x.Outcome }));

        migration.CreateTable(
            name: "FortnightChildren",
            columns: table => new
            {
                Fortnight = table.Column<DateOnly>(nullable: false),
                Breakdown = table.Column<string>(maxLength: 50, nullable: false),
                GroupKey = table.Column<string>(maxLength: 50, nullable: false),
                ChildKey = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_FortnightChildren", x => new { x.Fortnight, x.Breakdown, x.GroupKey, x.ChildKey }));
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.DropTable("FortnightChildren");
        migration.DropTable("FortnightFigures");
        migration.DropIndex("IX_ContactFacts_ReceivedAt_HoursToDecision", "ContactFacts");
        migration.CreateIndex("IX_ContactFacts_ReceivedAt", "ContactFacts", "ReceivedAt");
        migration.DropColumn("HoursToDecision", "ContactFacts");
        migration.DropColumn("NewChildInFortnight", "ContactFacts");
        migration.DropColumn("NewChildForAgencyType", "ContactFacts");
        migration.DropColumn("NewChildForAgency", "ContactFacts");
        migration.DropColumn("FirstOnReferral", "ContactFacts");
    }
}
