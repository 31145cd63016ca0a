using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Referrals.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DraftsAndAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttachmentChunks",
                columns: table => new
                {
                    AttachmentId = table.Column<Guid>(nullable: false),
                    Sequence = table.Column<int>(nullable: false),
                    Data = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentChunks", x => new { x.AttachmentId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(nullable: false),
                    DraftId = table.Column<Guid>(nullable: true),
                    ReferralId = table.Column<Guid>(nullable: true),
                    AddedByUserId = table.Column<string>(maxLength: 200, nullable: false),
                    AgencyCode = table.Column<string>(maxLength: 50, nullable: true),
                    FileName = table.Column<string>(maxLength: 200, nullable: false),
                    MediaType = table.Column<string>(maxLength: 200, nullable: false),
                    Bytes = table.Column<long>(nullable: false),
                    Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                    Chunks = table.Column<int>(nullable: false),
                    AddedAt = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Drafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(nullable: false),
                    OwnerId = table.Column<string>(maxLength: 200, nullable: false),
                    AgencyCode = table.Column<string>(maxLength: 50, nullable: true),
                    FormJson = table.Column<string>(nullable: false),
                    StartedAt = table.Column<DateTime>(nullable: false),
                    SavedAt = table.Column<DateTime>(nullable: false),
                    ExpiresAt = table.Column<DateTime>(nullable: false),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Drafts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_DraftId",
                table: "Attachments",
                column: "DraftId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_ReferralId",
                table: "Attachments",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_ExpiresAt",
                table: "Drafts",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_OwnerId_SavedAt",
                table: "Drafts",
                columns: new[] { "OwnerId", "SavedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttachmentChunks");

            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "Drafts");
        }
    }
}
