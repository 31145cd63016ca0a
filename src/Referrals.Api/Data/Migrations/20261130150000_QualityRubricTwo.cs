using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Rubric version 2: the flag on an early help request made without consent, the rubric version on each contact fact
/// (from its referral, so figures never average two versions together), and the fortnight totals' counts for the
/// current rubric's scores and for its bands beside the practitioners' ratings. Every stored referral was scored by
/// version 1, so those counts start at 0 and stay so for them; their scores and versions are kept as they were.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130150000_QualityRubricTwo")]
public sealed class QualityRubricTwo : Migration
{
    private static readonly string[] Counts =
    [
        "ScoredWithCurrentRubric", "CurrentRubricScoreTotal",
        "BandGoodRatedGood", "BandGoodRatedAdequate", "BandGoodRatedPoor",
        "BandAdequateRatedGood", "BandAdequateRatedAdequate", "BandAdequateRatedPoor",
        "BandPoorRatedGood", "BandPoorRatedAdequate", "BandPoorRatedPoor",
    ];

    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<bool>("ConsentToBeSought", "Referrals", nullable: false, defaultValue: false);
        migration.AddColumn<string>("RubricVersion", "ContactFacts", maxLength: 50, nullable: false, defaultValue: "");
        migration.Sql("""
            UPDATE "ContactFacts" SET "RubricVersion" = (SELECT r."RubricVersion" FROM "Referrals" AS r WHERE r."Id" = "ContactFacts"."ReferralId")
            WHERE EXISTS (SELECT 1 FROM "Referrals" AS r WHERE r."Id" = "ContactFacts"."ReferralId")
            """);
        foreach (var count in Counts) migration.AddColumn<int>(count, "FortnightFigures", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migration)
    {
        foreach (var count in Counts) migration.DropColumn(count, "FortnightFigures");
        migration.DropColumn("RubricVersion", "ContactFacts");
        migration.DropColumn("ConsentToBeSought", "Referrals");
    }
}
