using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// Figures over any range from kept totals: the period totals (a row per London day, week, fortnight and month, agency,
/// channel and outcome, a column per additive count), and distinct children in each week and month counted as they are in
/// each fortnight (two more flags on each contact, two more counts). Emptied totals are worked out again from the contacts
/// at the start after the upgrade (ContactFactsBackfill), with the children's rows for weeks and months.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261130210000_PeriodFigures")]
public sealed class PeriodFigures : Migration
{
    // The additive counts as they stand at this migration (Tally.Names), written out so that a later count is a later migration's.
    private static readonly string[] Counts =
    [
        "Contacts", "ContactsByForm", "Referrals", "ReReferrals", "NewChildren", "NewChildrenForAgencyType", "NewChildrenForAgency",
        "NewChildrenInWeek", "NewChildrenInMonth", "FormsReceived", "QualityScoreTotal", "ConsentAddressed", "ChildsVoice", "ActionsTaken",
        "ReturnedForInformation", "Rated", "RatedPoor", "Levelled", "LevelAgreed", "Decided", "FirstDecisions", "DecidedOnTime", "OutcomesSent",
        "OutcomesSentOnTime", "ScoredWithCurrentRubric", "CurrentRubricScoreTotal", "BabyContacts", "BabyFirstDecisions", "BabyDecidedOnTime",
        "OutcomeNoFurtherAction", "OutcomeInformationAndAdvice", "OutcomeEarlyHelp", "OutcomeSocialCareAssessment", "OutcomeStrategyDiscussion",
        "OutcomeAlreadyOpen", "ReasonMissingIdentifiers", "ReasonConsentNotAddressed", "ReasonParentsNotAware", "ReasonConcernUnclear",
        "ReasonChildsVoiceAbsent", "ReasonNoActionTaken", "ReasonRiskNotExplained", "ReasonLevelOfNeedMisjudged", "ReasonWrongRoute",
        "ReasonDuplicate", "ReasonReferrerNotContactable", "BandGoodRatedGood", "BandGoodRatedAdequate", "BandGoodRatedPoor",
        "BandAdequateRatedGood", "BandAdequateRatedAdequate", "BandAdequateRatedPoor", "BandPoorRatedGood", "BandPoorRatedAdequate", "BandPoorRatedPoor",
    ];

    protected override void Up(MigrationBuilder migration)
    {
        migration.AddColumn<bool>("NewChildInWeek", "ContactFacts", nullable: false, defaultValue: false);
        migration.AddColumn<bool>("NewChildInMonth", "ContactFacts", nullable: false, defaultValue: false);
        migration.AddColumn<int>("NewChildrenInWeek", "FortnightFigures", nullable: false, defaultValue: 0);
        migration.AddColumn<int>("NewChildrenInMonth", "FortnightFigures", nullable: false, defaultValue: 0);
        // Each engine's own names for the types the model maps (the schema-versus-model test holds them to it).
        var postgres = migration.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        string Text(int length) => postgres ? $"character varying({length})" : "TEXT";
        var integer = postgres ? "integer" : "INTEGER";
        // SQLite keeps the rows in the key's order, so a range of periods is read as one run of pages, not a row at a time.
        var clustered = postgres ? "" : " WITHOUT ROWID";
        migration.Sql($"""
            CREATE TABLE "PeriodFigures" (
                "Interval" {Text(50)} NOT NULL, "Start" {(postgres ? "date" : "TEXT")} NOT NULL, "AgencyCode" {Text(50)} NOT NULL,
                "AgencyType" {Text(50)} NOT NULL, "SourceCode" {Text(50)} NOT NULL, "Locality" {Text(200)} NOT NULL, "Area" {Text(200)} NOT NULL,
                "Channel" {Text(50)} NOT NULL, "Outcome" {Text(50)} NOT NULL,
                {string.Join(", ", Counts.Select(c => $"\"{c}\" {integer} NOT NULL"))},
                CONSTRAINT "PK_PeriodFigures" PRIMARY KEY ("Interval", "Start", "AgencyCode", "AgencyType", "SourceCode", "Locality", "Area", "Channel", "Outcome")){clustered}
            """);
        // Emptied, so the start after the upgrade works every total and child's row out again from the contacts.
        migration.Sql("""DELETE FROM "FortnightFigures" """);
        migration.Sql("""DELETE FROM "FortnightChildren" """);
    }

    protected override void Down(MigrationBuilder migration) =>
        throw new NotSupportedException("Period figures are not undone.");
}
