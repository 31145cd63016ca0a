using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Contact facts' ethnicity as the census codes it. The form took free text before; text that is a census code or its
/// label (either case) becomes that code, "not known" and anything else NOBT (information not yet obtained): the census
/// has no code for a guess. The submission copies keep the words the partner wrote. The census's twenty codes and labels
/// are written out here, as the schema gives them, so this migration does the same whatever the code says later.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130190000_CensusEthnicity")]
public sealed class CensusEthnicity : Migration
{
    private static readonly (string Code, string Label)[] Ethnicities =
    [
        ("WBRI", "White British"), ("WIRI", "White Irish"), ("WIRT", "Traveller of Irish heritage"), ("WOTH", "Any other White background"),
        ("WROM", "Gypsy/Roma"), ("MWBC", "White and Black Caribbean"), ("MWBA", "White and Black African"), ("MWAS", "White and Asian"),
        ("MOTH", "Any other mixed background"), ("AIND", "Indian"), ("APKN", "Pakistani"), ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"), ("BCRB", "Caribbean"), ("BAFR", "African"), ("BOTH", "Any other black background"),
        ("CHNE", "Chinese"), ("OOTH", "Any other ethnic group"), ("REFU", "Refused"), ("NOBT", "Information not yet obtained"),
    ];

    protected override void Up(MigrationBuilder migration)
    {
        var cases = string.Join("\n", Ethnicities.Select(e =>
            $"WHEN UPPER(TRIM(\"Ethnicity\")) = '{e.Code}' OR LOWER(TRIM(\"Ethnicity\")) = '{e.Label.ToLowerInvariant()}' THEN '{e.Code}'"));
        migration.Sql($"""
            UPDATE "ContactFacts" SET "Ethnicity" = CASE
            {cases}
            ELSE 'NOBT' END
            WHERE "Ethnicity" IS NOT NULL AND TRIM("Ethnicity") <> ''
            """);
        migration.Sql("""UPDATE "ContactFacts" SET "Ethnicity" = NULL WHERE "Ethnicity" IS NOT NULL AND TRIM("Ethnicity") = ''""");
    }

    protected override void Down(MigrationBuilder migration) =>
        throw new NotSupportedException("Census codes are not undone: the free text they replaced is still in the submission copies.");
}
