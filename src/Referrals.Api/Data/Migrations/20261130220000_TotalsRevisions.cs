using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// A revision for each fortnight's totals, changed in the same transaction as every change to them, so an instance can
/// keep a fortnight's report tallies while its revision stands (FortnightlyReport). A fortnight without a row has not
/// changed since: the start after a rebuild writes a row for every fortnight it rebuilt.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130220000_TotalsRevisions")]
public sealed class TotalsRevisions : Migration
{
    protected override void Up(MigrationBuilder migration) =>
        migration.CreateTable(
            name: "TotalsRevisions",
            columns: table => new
            {
                Fortnight = table.Column<DateOnly>(nullable: false),
                Revision = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_TotalsRevisions", x => x.Fortnight));

    protected override void Down(MigrationBuilder migration) => migration.DropTable("TotalsRevisions");
}
