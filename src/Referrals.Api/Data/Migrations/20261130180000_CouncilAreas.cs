using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Each contact's council area (Derby City and Derbyshire are separate councils with separate front doors), so the figures
/// can be broken down by it. Filled from the agency directory at the start after the upgrade (ContactFactsBackfill), as
/// the area is configuration, not a rule.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130180000_CouncilAreas")]
public sealed class CouncilAreas : Migration
{
    protected override void Up(MigrationBuilder migration) =>
        migration.AddColumn<string>("Area", "ContactFacts", maxLength: 200, nullable: false, defaultValue: "");

    protected override void Down(MigrationBuilder migration) => migration.DropColumn("Area", "ContactFacts");
}
