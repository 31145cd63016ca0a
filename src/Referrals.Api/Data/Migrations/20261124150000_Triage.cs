using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Triage: assignment, RAG, timescales and the lifecycle's history, information requests,
/// multi-agency checks and decisions. Hand written like the first; the schema test checks it on both engines.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261124150000_Triage")]
public sealed class Triage : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<string>("AssignedToUserId", "Referrals", maxLength: 200, nullable: true);
        migration.AddColumn<string>("AssignedToName", "Referrals", maxLength: 100, nullable: true);
        migration.AddColumn<DateTime>("AssignedAt", "Referrals", nullable: true);
        migration.AddColumn<string>("Rag", "Referrals", maxLength: 50, nullable: true);
        migration.AddColumn<DateTime>("RagDueAt", "Referrals", nullable: true);
        migration.AddColumn<int>("QueuePriority", "Referrals", nullable: false, defaultValue: 13);
        migration.AddColumn<DateTime>("DecidedAt", "Referrals", nullable: true);
        migration.AddColumn<DateTime>("OutcomeReadyAt", "Referrals", nullable: true);
        migration.AddColumn<DateTime>("ClosedAt", "Referrals", nullable: true);
        migration.AddColumn<Guid>("LinkedToReferralId", "Referrals", nullable: true);
        // Referrals received before triage existed: a child not safe now still comes first.
        migration.Sql("""UPDATE "Referrals" SET "QueuePriority" = 3 WHERE "AnyChildNotSafeNow" = TRUE""");
        migration.CreateIndex("IX_Referrals_Status_QueuePriority_DecisionDueAt_Reference", "Referrals",
            ["Status", "QueuePriority", "DecisionDueAt", "Reference"]);
        migration.CreateIndex("IX_Referrals_AssignedToUserId", "Referrals", "AssignedToUserId");

        migration.CreateTable(
            name: "ReferralTransitions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                From = table.Column<string>(maxLength: 50, nullable: true),
                To = table.Column<string>(maxLength: 50, nullable: false),
                ByUserId = table.Column<string>(maxLength: 200, nullable: false),
                ByName = table.Column<string>(maxLength: 100, nullable: false),
                ByRole = table.Column<string>(maxLength: 50, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReferralTransitions", x => x.Id);
                table.ForeignKey("FK_ReferralTransitions_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_ReferralTransitions_ReferralId_Sequence", "ReferralTransitions", ["ReferralId", "Sequence"], unique: true);
        // The history starts at receipt, for referrals received before it was kept too.
        migration.Sql("""
            INSERT INTO "ReferralTransitions" ("Id", "ReferralId", "Sequence", "From", "To", "ByUserId", "ByName", "ByRole", "At", "Reason")
            SELECT "Id", "Id", 0, NULL, 'Submitted', "SubmittedByUserId", "SubmittedByName", "SubmittedByRole", "ReceivedAt", NULL FROM "Referrals"
            """);

        migration.CreateTable(
            name: "InformationRequests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                Questions = table.Column<string>(maxLength: 8000, nullable: false),
                AskedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                AskedByName = table.Column<string>(maxLength: 100, nullable: false),
                AskedAt = table.Column<DateTime>(nullable: false),
                Answer = table.Column<string>(maxLength: 8000, nullable: true),
                AnsweredByUserId = table.Column<string>(maxLength: 200, nullable: true),
                AnsweredByName = table.Column<string>(maxLength: 100, nullable: true),
                AnsweredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InformationRequests", x => x.Id);
                table.ForeignKey("FK_InformationRequests_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_InformationRequests_ReferralId", "InformationRequests", "ReferralId");

        migration.CreateTable(
            name: "RagRatings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                Rating = table.Column<string>(maxLength: 50, nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: false),
                RatedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                RatedByName = table.Column<string>(maxLength: 100, nullable: false),
                RatedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RagRatings", x => x.Id);
                table.ForeignKey("FK_RagRatings_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_RagRatings_ReferralId", "RagRatings", "ReferralId");

        migration.CreateTable(
            name: "AgencyChecks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                Agency = table.Column<string>(maxLength: 200, nullable: false),
                Shared = table.Column<string>(maxLength: 8000, nullable: false),
                SharedAt = table.Column<DateTime>(nullable: false),
                RecordedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                RecordedByName = table.Column<string>(maxLength: 100, nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgencyChecks", x => x.Id);
                table.ForeignKey("FK_AgencyChecks_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_AgencyChecks_ReferralId", "AgencyChecks", "ReferralId");

        migration.CreateTable(
            name: "ChildDecisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                ContactId = table.Column<Guid>(nullable: false),
                Outcome = table.Column<string>(maxLength: 50, nullable: false),
                ThresholdLevel = table.Column<int>(nullable: false),
                Rationale = table.Column<string>(maxLength: 8000, nullable: false),
                FeedbackToReferrer = table.Column<string>(maxLength: 8000, nullable: false),
                OtherSupport = table.Column<string>(maxLength: 8000, nullable: true),
                QualityRating = table.Column<string>(maxLength: 50, nullable: false),
                QualityReasons = table.Column<string>(maxLength: 600, nullable: false),
                PrimaryNeed = table.Column<string>(maxLength: 2, nullable: true),
                Team = table.Column<string>(maxLength: 200, nullable: true),
                DecidedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                DecidedByName = table.Column<string>(maxLength: 100, nullable: false),
                DecidedByRole = table.Column<string>(maxLength: 50, nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: false),
                State = table.Column<string>(maxLength: 50, nullable: false),
                SignedOffByUserId = table.Column<string>(maxLength: 200, nullable: true),
                SignedOffByName = table.Column<string>(maxLength: 100, nullable: true),
                SignedOffAt = table.Column<DateTime>(nullable: true),
                SignOffComment = table.Column<string>(maxLength: 1000, nullable: true),
                OverridesDecisionId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChildDecisions", x => x.Id);
                table.ForeignKey("FK_ChildDecisions_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ChildDecisions_Contacts_ContactId", x => x.ContactId, "Contacts", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_ChildDecisions_ReferralId_ContactId", "ChildDecisions", ["ReferralId", "ContactId"]);
        migration.CreateIndex("IX_ChildDecisions_ContactId", "ChildDecisions", "ContactId");
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.DropTable("ChildDecisions");
        migration.DropTable("AgencyChecks");
        migration.DropTable("RagRatings");
        migration.DropTable("InformationRequests");
        migration.DropTable("ReferralTransitions");
        migration.DropIndex("IX_Referrals_AssignedToUserId", "Referrals");
        migration.DropIndex("IX_Referrals_Status_QueuePriority_DecisionDueAt_Reference", "Referrals");
        foreach (var column in new[] { "LinkedToReferralId", "ClosedAt", "OutcomeReadyAt", "DecidedAt", "QueuePriority", "RagDueAt", "Rag", "AssignedAt", "AssignedToName", "AssignedToUserId" })
            migration.DropColumn(column, "Referrals");
    }
}
