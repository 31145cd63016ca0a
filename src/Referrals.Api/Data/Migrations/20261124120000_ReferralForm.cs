using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Written by hand (EF Core Design is not available here). No store types are named, so each
/// provider maps the CLR types itself and one migration serves SQLite and PostgreSQL; the schema
/// test migrates an empty database on each engine and compares it with the model.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261124120000_ReferralForm")]
public sealed class ReferralForm : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.CreateTable(
            name: "Referrals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(maxLength: 20, nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: false),
                Channel = table.Column<string>(maxLength: 50, nullable: false),
                Status = table.Column<string>(maxLength: 50, nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                DecisionDueAt = table.Column<DateTime>(nullable: false),
                SubmittedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                SubmittedByName = table.Column<string>(maxLength: 100, nullable: false),
                SubmittedByRole = table.Column<string>(maxLength: 50, nullable: false),
                ReferrerName = table.Column<string>(maxLength: 100, nullable: false),
                LevelOfNeed = table.Column<int>(nullable: false),
                Risk = table.Column<string>(maxLength: 50, nullable: false),
                AnyChildNotSafeNow = table.Column<bool>(nullable: false),
                QualityScore = table.Column<int>(nullable: false),
                RubricVersion = table.Column<string>(maxLength: 50, nullable: false),
                QualityJson = table.Column<string>(nullable: false),
                SubmissionJson = table.Column<string>(nullable: false),
                WithdrawnAt = table.Column<DateTime>(nullable: true),
                WithdrawalReason = table.Column<string>(maxLength: 1000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Referrals", x => x.Id));
        migration.CreateIndex("IX_Referrals_Reference", "Referrals", "Reference", unique: true);
        migration.CreateIndex("IX_Referrals_AgencyCode_ReceivedAt", "Referrals", ["AgencyCode", "ReceivedAt"]);
        migration.CreateIndex("IX_Referrals_ReceivedAt", "Referrals", "ReceivedAt");

        migration.CreateTable(
            name: "Contacts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                NormalisedName = table.Column<string>(maxLength: 201, nullable: false),
                DateOfBirth = table.Column<DateOnly>(nullable: true),
                EstimatedAgeYears = table.Column<int>(nullable: true),
                ExpectedDueDate = table.Column<DateOnly>(nullable: true),
                NhsNumber = table.Column<string>(maxLength: 10, nullable: true),
                SafeNow = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Contacts", x => x.Id);
                table.ForeignKey("FK_Contacts_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id",
                    onDelete: ReferentialAction.Restrict);
            });
        migration.CreateIndex("IX_Contacts_ReferralId_Position", "Contacts", ["ReferralId", "Position"], unique: true);
        migration.CreateIndex("IX_Contacts_NhsNumber", "Contacts", "NhsNumber");
        migration.CreateIndex("IX_Contacts_NormalisedName_DateOfBirth", "Contacts", ["NormalisedName", "DateOfBirth"]);

        migration.CreateTable(
            name: "ReferralConcerns",
            columns: table => new
            {
                ReferralId = table.Column<Guid>(nullable: false),
                CategoryCode = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReferralConcerns", x => new { x.ReferralId, x.CategoryCode });
                table.ForeignKey("FK_ReferralConcerns_Referrals_ReferralId", x => x.ReferralId, "Referrals", "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migration.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                UserId = table.Column<string>(maxLength: 200, nullable: false),
                UserName = table.Column<string>(maxLength: 100, nullable: false),
                Role = table.Column<string>(maxLength: 50, nullable: false),
                AgencyCode = table.Column<string>(maxLength: 50, nullable: true),
                Action = table.Column<string>(maxLength: 50, nullable: false),
                ReferralId = table.Column<Guid>(nullable: true),
                CorrelationId = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));
        migration.CreateIndex("IX_AuditEntries_ReferralId_At", "AuditEntries", ["ReferralId", "At"]);
        migration.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");

        migration.CreateTable(
            name: "IdempotencyRecords",
            columns: table => new
            {
                UserId = table.Column<string>(maxLength: 200, nullable: false),
                Key = table.Column<string>(maxLength: 200, nullable: false),
                RequestHash = table.Column<string>(maxLength: 64, nullable: false),
                ReferralId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IdempotencyRecords", x => new { x.UserId, x.Key }));

        migration.CreateTable(
            name: "ReferenceCounters",
            columns: table => new
            {
                Year = table.Column<int>(nullable: false),
                LastNumber = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ReferenceCounters", x => x.Year));
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.DropTable("ReferenceCounters");
        migration.DropTable("IdempotencyRecords");
        migration.DropTable("AuditEntries");
        migration.DropTable("ReferralConcerns");
        migration.DropTable("Contacts");
        migration.DropTable("Referrals");
    }
}
