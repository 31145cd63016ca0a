using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// What an audited action was about when it is not a referral (a webhook subscription made or removed), so that
/// every change a manager makes is attributable too.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130120000_AuditSubjects")]
public sealed class AuditSubjects : Migration
{
    protected override void Up(MigrationBuilder migration) =>
        migration.AddColumn<Guid>("SubjectId", "AuditEntries", nullable: true);

    protected override void Down(MigrationBuilder migration) => migration.DropColumn("SubjectId", "AuditEntries");
}
