using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// A random id per known child for the inspection lists, in place of one worked out from the child's identifiers
/// (an unsalted hash of an NHS number reverses by trying every valid number). Given out when a child is first listed.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130110000_KnownChildIds")]
public sealed class KnownChildIds : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.CreateTable(
            name: "KnownChildIds",
            columns: table => new
            {
                ChildKey = table.Column<string>(maxLength: 64, nullable: false),
                Id = table.Column<string>(maxLength: 20, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_KnownChildIds", x => x.ChildKey));
        migration.CreateIndex("IX_KnownChildIds_Id", "KnownChildIds", "Id", unique: true);
    }

    protected override void Down(MigrationBuilder migration) => migration.DropTable("KnownChildIds");
}
