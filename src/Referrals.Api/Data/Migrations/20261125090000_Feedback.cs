using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Feedback to referring partners: the outbox of events with each agency's feed position, webhook
/// subscriptions, the notices sent on each channel, and when the outcome was first read.
/// Hand written like the others; the schema test checks it on both engines.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261125090000_Feedback")]
public sealed class Feedback : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<DateTime>("OutcomeReadAt", "Referrals", nullable: true);
        migration.AddColumn<string>("OutcomeReadByUserId", "Referrals", maxLength: 200, nullable: true);
        migration.AddColumn<string>("OutcomeReadByName", "Referrals", maxLength: 100, nullable: true);

        migration.CreateTable(
            name: "FeedbackEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                Sequence = table.Column<long>(nullable: false),
                Type = table.Column<string>(maxLength: 50, nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(maxLength: 20, nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FeedbackEvents", x => x.Id);
                table.ForeignKey("FK_FeedbackEvents_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_FeedbackEvents_AgencyCode_Sequence", "FeedbackEvents", ["AgencyCode", "Sequence"], unique: true);
        migration.CreateIndex("IX_FeedbackEvents_ReferralId", "FeedbackEvents", "ReferralId");

        migration.CreateTable(
            name: "FeedbackCounters",
            columns: table => new
            {
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                LastSequence = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_FeedbackCounters", x => x.AgencyCode));

        migration.CreateTable(
            name: "WebhookSubscriptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                Url = table.Column<string>(maxLength: 2000, nullable: false),
                Secret = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                CreatedByName = table.Column<string>(maxLength: 100, nullable: false),
                RemovedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id));
        migration.CreateIndex("IX_WebhookSubscriptions_AgencyCode", "WebhookSubscriptions", "AgencyCode");

        migration.CreateTable(
            name: "FeedbackDeliveries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EventId = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                EventSequence = table.Column<long>(nullable: false),
                Channel = table.Column<string>(maxLength: 50, nullable: false),
                SubscriptionId = table.Column<Guid>(nullable: true),
                Recipient = table.Column<string>(maxLength: 254, nullable: true),
                Status = table.Column<string>(maxLength: 50, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 1000, nullable: true),
                DeliveredAt = table.Column<DateTime>(nullable: true),
                FailedAt = table.Column<DateTime>(nullable: true),
                ClaimedBy = table.Column<string>(maxLength: 200, nullable: true),
                ClaimedUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FeedbackDeliveries", x => x.Id);
                table.ForeignKey("FK_FeedbackDeliveries_FeedbackEvents_EventId", x => x.EventId, "FeedbackEvents", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_FeedbackDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id", onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_FeedbackDeliveries_Status_NextAttemptAt", "FeedbackDeliveries", ["Status", "NextAttemptAt"]);
        migration.CreateIndex("IX_FeedbackDeliveries_SubscriptionId_EventSequence", "FeedbackDeliveries", ["SubscriptionId", "EventSequence"]);
        migration.CreateIndex("IX_FeedbackDeliveries_EventId", "FeedbackDeliveries", "EventId");
        migration.CreateIndex("IX_FeedbackDeliveries_ReferralId", "FeedbackDeliveries", "ReferralId");
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.DropTable("FeedbackDeliveries");
        migration.DropTable("WebhookSubscriptions");
        migration.DropTable("FeedbackCounters");
        migration.DropTable("FeedbackEvents");
        foreach (var column in new[] { "OutcomeReadByName", "OutcomeReadByUserId", "OutcomeReadAt" })
            migration.DropColumn(column, "Referrals");
    }
}
