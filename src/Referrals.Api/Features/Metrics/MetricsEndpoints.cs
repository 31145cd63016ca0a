using Referrals.Api.OpenApi;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Features.Metrics;

public static class MetricsEndpoints
{
    private const string Readers = "analyst (counts under the threshold suppressed), manager (unsuppressed)";
    private const string FiguresTag = "Performance figures";
    private const string ListsTag = "Inspection lists";

    public static void MapMetrics(this IEndpointRouteBuilder app)
    {
        // Each route written out whole, so a search for it finds where it is mapped.
        MapFigures(app, "/v1/metrics/volume", FigureFamily.Volume);
        MapFigures(app, "/v1/metrics/quality", FigureFamily.Quality);
        MapFigures(app, "/v1/metrics/outcomes", FigureFamily.Outcomes);
        MapFigures(app, "/v1/metrics/timeliness", FigureFamily.Timeliness);

        app.MapGet("/v1/metrics/fortnightly-report", async (DateOnly? fortnight, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var csv = ContentNegotiation.Choose(request, "application/json", "text/csv") == "text/csv";
                var report = await m.Send(new FortnightlyReport.Query(fortnight), ct);
                return csv
                    ? (IResult)TypedResults.File(FortnightlyReport.ToCsv(report), Csv.ContentType, $"fortnightly-report-{report.Fortnight.Start:yyyy-MM-dd}.csv")
                    : TypedResults.Ok(report);
            })
            .WithTags(FiguresTag).RequireAuthorization(Policies.ReadMetrics).RequireRateLimiting(AbuseLimits.Metrics)
            .Produces<FortnightlyReport.Report>()
            .WithMetadata(new OtherRepresentations(new Dictionary<string, string> { ["text/csv"] = Examples.ReportCsv }))
            .Documented("ReadFortnightlyReport", "The fortnightly performance report",
                "The whole pack for one fortnight (give its first day; left out, the last complete fortnight): volume by agency type and " +
                "agency, channels, quality by agency with " +
                "the most common reasons for rating referrals below good, outcomes and re-referrals, and timeliness, each beside the previous " +
                "fortnight and the same fortnight a year earlier (52 weeks before). JSON, or CSV for the meeting's pack with Accept: text/csv " +
                $"(UTF-8 with a byte order mark; a suppressed figure shows as [c]). {Definitions.Suppression}",
                Readers, null, Examples.Report, 400, 406, 422, 429);

        const string Lists = "Values as Ofsted's Annex A template writes them (the LIIA schema's rules, with 2026's Sex for Gender): dates " +
            "dd/mm/yyyy; sex a) Male, b) Female, c) Not stated/recorded (also an unborn child), d) Neither; ethnicity the " +
            "template's lettered census code (a) WBRI to t) NOBT, information not yet obtained when the form did not say); " +
            "age in whole years on the day, blank when not known or unborn (an unborn child's date of birth is the date it is " +
            "due); sources the template's lettered census source, e.g. e) 2A: Schools. Child Unique ID is random, given to " +
            "each known child the first time it is listed and the same in every list after; it carries nothing about the " +
            "child. Holds personal data: every referral listed is recorded in the audit trail.";
        MapList(app, "/v1/exports/contacts", InspectionLists.List.Contacts, "Ofsted's List 1: contacts",
            $"One row per child per contact received in the range, in the template's columns: {string.Join(", ", OfstedAnnexA.ContactColumns)}. " +
            $"{Definitions.Contact} CSV, UTF-8 with a byte order mark. {Lists}", Examples.ContactsList);
        MapList(app, "/v1/exports/referrals", InspectionLists.List.Referrals, "Ofsted's List 3: referrals",
            "One row per child per referral (a contact accepted for an assessment or a strategy discussion) made in the range, by the " +
            $"day of the decision that accepted it, in the template's columns: {string.Join(", ", OfstedAnnexA.ReferralColumns)}. " +
            "Referral NFA? is Yes for no further action, else No. Number of Referrals in Last 12 Months counts this one. " +
            $"Allocated Team and Worker are whom the case was allocated to after acceptance ({OfstedAnnexA.NotYetAllocated} until then). " +
            $"CSV, UTF-8 with a byte order mark. {Lists}", Examples.ReferralsList);

        app.MapGet("/v1/exports/annex-a", async (DateOnly? from, DateOnly? to, IMediator m, CancellationToken ct) =>
                TypedResults.File(await m.Send(new AnnexAWorkbook.Query(from, to), ct), AnnexAWorkbook.ContentType,
                    $"annex-a-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.xlsx"))
            .WithTags(ListsTag).RequireAuthorization(Policies.ExportInspectionLists).RequireRateLimiting(AbuseLimits.Metrics)
            .Produces(StatusCodes.Status200OK, contentType: AnnexAWorkbook.ContentType)
            .Documented("ExportAnnexAWorkbook", "Ofsted's lists as one workbook",
                "List 1 (contacts) and List 3 (referrals) for the range as one .xlsx workbook, a sheet each named as the template names " +
                "it, with the same rows as the CSV lists. " + Lists,
                "manager, auditor", null, null, 400, 422, 429);
    }

    private static void MapFigures(IEndpointRouteBuilder app, string route, FigureFamily family) =>
        app.MapGet(route, async ([AsParameters] Range range, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ReadFigures.Query(family, range.From, range.To, range.Interval, range.Breakdown), ct)))
            .WithTags(FiguresTag).RequireAuthorization(Policies.ReadMetrics).RequireRateLimiting(AbuseLimits.Metrics)
            .Documented($"Read{family}Figures", $"{family} figures",
                $"{Definitions.Describe(family)} Any date range up to the whole history (at most {ReadFigures.MaxPeriods} periods in one " +
                "answer), a fortnight, week or month at a time, optionally broken down. " +
                $"No figure carries a child's personal data. {Definitions.Suppression}",
                Readers, null, Examples.Figures(family), 400, 422, 429);

    private static void MapList(IEndpointRouteBuilder app, string route, InspectionLists.List list, string summary, string description,
        string example)
    {
        var word = EnumWords.Of(list);
        app.MapGet(route, async (DateOnly? from, DateOnly? to, IMediator m, CancellationToken ct) =>
                TypedResults.File(InspectionLists.ToCsv(await m.Send(new InspectionLists.Query(list, from, to), ct)), Csv.ContentType,
                    $"{word}-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.csv"))
            .WithTags(ListsTag).RequireAuthorization(Policies.ExportInspectionLists).RequireRateLimiting(AbuseLimits.Metrics)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithMetadata(new OtherRepresentations(new Dictionary<string, string> { ["text/csv"] = example }))
            .Documented($"Export{list}List", summary, description, "manager, auditor", null, null, 400, 422, 429);
    }

    /// <param name="From">First London day, e.g. 2026-11-09.</param>
    /// <param name="To">Last London day (inclusive).</param>
    /// <param name="Interval">fortnight (default), week or month.</param>
    /// <param name="Breakdown">agency, agency-type, referral-source, locality, channel, concern-category or outcome.</param>
    public sealed record Range(
        DateOnly? From, DateOnly? To, [WordsOf(typeof(Interval))] string? Interval, [WordsOf(typeof(Breakdown))] string? Breakdown);
}
