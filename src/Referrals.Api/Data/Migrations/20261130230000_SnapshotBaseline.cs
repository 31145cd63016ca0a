using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Referrals.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
