using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Referrals.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgencyReferralsByReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Referrals_AgencyCode_Reference",
                table: "Referrals",
                columns: new[] { "AgencyCode", "Reference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_AgencyCode_Reference",
                table: "Referrals");
        }
    }
}
