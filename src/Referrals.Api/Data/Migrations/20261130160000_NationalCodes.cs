using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Stored referrals re-coded to the census's own codes. Physical abuse is now two categories, by an adult (18C) or by
/// another child (18B): a referral that did not say goes to by an adult, the usual case; private fostering is now five,
/// and one that did not say goes to "other" (8F). Youth offending and early help are the council's other internal
/// departments (5B), not another legal agency (7) or a code the census does not have (5D). The census factor of every
/// other category is read from its code (ConcernCategories), so it needs nothing stored changed. The submission copies
/// keep the codes the partner sent. Plain SQL both engines speak (||, REPLACE, SUBSTR, LENGTH); a referral's codes
/// are distinct, so each list holds a retired code at most once and its length grows by the suffix added.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130160000_NationalCodes")]
public sealed class NationalCodes : Migration
{
    private static readonly (string Retired, string Now)[] Categories =
        [("physical-abuse", "physical-abuse-by-adult"), ("private-fostering", "private-fostering-other")];

    protected override void Up(MigrationBuilder migration)
    {
        foreach (var (retired, now) in Categories)
        {
            migration.Sql($"""UPDATE "ReferralConcerns" SET "CategoryCode" = '{now}' WHERE "CategoryCode" = '{retired}'""");
            migration.Sql($"""
                UPDATE "ContactFacts"
                SET "ConcernCategories" = SUBSTR(REPLACE(',' || "ConcernCategories" || ',', ',{retired},', ',{now},'), 2,
                    LENGTH("ConcernCategories") + {now.Length - retired.Length})
                WHERE ',' || "ConcernCategories" || ',' LIKE '%,{retired},%'
                """);
        }
        migration.Sql("""UPDATE "ContactFacts" SET "SourceCode" = '5B' WHERE "AgencyType" IN ('YouthOffending', 'EarlyHelp')""");
    }

    protected override void Down(MigrationBuilder migration) =>
        throw new NotSupportedException("Re-coding to the census is not undone: the codes it replaced were wrong.");
}
