using Microsoft.AspNetCore.Http.HttpResults;
using Referrals.Api.OpenApi;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Features.ReferenceData;

/// <summary>The codes a client needs to fill in the form and read its answers. No personal data.</summary>
public static class ReferenceData
{
    /// <param name="Area">The council area the agency serves.</param>
    public sealed record AgencyEntry(string Code, string Name, AgencyType Type, string ReferralSourceCode, string ReferralSourceLabel, string Area,
        string Locality, bool Active);
    public sealed record CodeEntry(string Code, string Name);
    public sealed record ConcernCategoryEntry(string Code, string Name, string CensusFactor, bool Local);
    public sealed record LevelOfNeedEntry(int Level, string Name, string Description);
    /// <param name="Bands">Where the score falls beside a practitioner's rating (good, adequate, poor): the lowest score of each.</param>
    /// <param name="EarlierVersions">Versions that scored referrals before this one; those referrals keep the score they were given.</param>
    public sealed record RubricEntry(string Version, int MaximumScore, IReadOnlyList<QualityRubric.Element> Elements,
        IReadOnlyList<QualityRubric.BandLimit> Bands, IReadOnlyList<CodeEntry> EarlierVersions)
    {
        public static readonly RubricEntry Current = new(QualityRubric.Version, QualityRubric.Elements.Sum(e => e.Weight), QualityRubric.Elements,
            QualityRubric.Bands, [new("2026.1", "Version 1 (November 2026): counted the boxes filled and the concern's length.")]);
    }

    /// <param name="CensusCode">The code the children in need census gives it.</param>
    public sealed record CensusEntry(string Code, string Name, string CensusCode);

    /// <summary>A census list whose codes are the form's own: each entry's code is its census code.</summary>
    internal static IReadOnlyList<CensusEntry> Census(IEnumerable<CensusCodes.Code> codes) =>
        codes.Select(c => new CensusEntry(c.Value, c.Label, c.Value)).ToList();

    internal static IReadOnlyList<CodeEntry> Words<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new CodeEntry(EnumWords.Of(v), EnumWords.Of(v).Replace('-', ' '))).ToList();

    public static void MapReferenceData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reference-data").WithTags("Reference data").RequireAuthorization(Policies.ReadReferenceData);
        const string roles = "any signed-in role";
        group.MapGet("/agencies", Send<ListAgencies, IReadOnlyList<AgencyEntry>>)
            .Documented("ListAgencies", "Partner agencies",
                "Agencies that may refer, with agency type and national referral source code (children in need census), locality and whether active. Configured by the council (agencies.json).",
                roles, null, new[] { new AgencyEntry("SCH-DERBY-MOOR", "Derby Moor Academy", AgencyType.School, "2A", "SCHOOLS", "Derby City", "Derby City South", true) });
        group.MapGet("/concern-categories", Send<ListConcernCategories, IReadOnlyList<ConcernCategoryEntry>>)
            .Documented("ListConcernCategories", "Concern categories",
                "Categories of harm, each with the children in need census factor it counts as; local categories count as census factor 20 (other).",
                roles, null, new[] { new ConcernCategoryEntry("neglect", "Neglect", "16A", false) });
        group.MapGet("/levels-of-need", Send<ListLevelsOfNeed, IReadOnlyList<LevelOfNeedEntry>>)
            .Documented("ListLevelsOfNeed", "Levels of need",
                "Derby and Derbyshire's thresholds of need, 1 to 4. A referrer who cannot judge the level answers \"not-known\".",
                roles, null, new[] { new LevelOfNeedEntry(3, "Intensive / complex needs", "Children in need: multiple or complex needs requiring a social care response.") });
        group.MapGet("/risk-levels", Send<ListRiskLevels, IReadOnlyList<CodeEntry>>)
            .Documented("ListRiskLevels", "Risk levels", "The referrer's view of risk.", roles, null, new[] { new CodeEntry("medium", "medium") });
        group.MapGet("/channels", Send<ListChannels, IReadOnlyList<CodeEntry>>)
            .Documented("ListChannels", "Channels", "How a referral reached the front door.", roles, null, new[] { new CodeEntry("electronic-form", "electronic form") });
        group.MapGet("/genders", Send<ListGenders, IReadOnlyList<CensusEntry>>)
            .Documented("ListGenders", "Genders",
                "The child's sex or gender as the form takes it, each with the children in need census code (1 male, 2 female, " +
                "9 indeterminate, 0 not recorded or unborn; a gender the census does not record is 0).",
                roles, null, new[] { new CensusEntry("female", "Female", "2") });
        group.MapGet("/ethnicities", Send<ListEthnicities, IReadOnlyList<CensusEntry>>)
            .Documented("ListEthnicities", "Ethnicities",
                "The children in need census ethnicity codes and labels (the form takes either); REFU refused, NOBT information not yet obtained.",
                roles, null, new[] { new CensusEntry("WBRI", "White British", "WBRI") });
        group.MapGet("/disabilities", Send<ListDisabilities, IReadOnlyList<CensusEntry>>)
            .Documented("ListDisabilities", "Disabilities",
                "The children in need census disability codes, for the form's disabilities (NONE alone for no disability).",
                roles, null, new[] { new CensusEntry("AUT", "Autism", "AUT") });
        group.MapGet("/quality-rubric", Send<GetQualityRubric, RubricEntry>)
            .Documented("GetQualityRubric", "The quality rubric",
                "The published, versioned rubric that scores every referral out of 100: each element, its weight and the rules that " +
                "earn its points, judged from what is written anywhere on the form; the bands set beside practitioners' ratings; " +
                "and the earlier versions whose referrals keep their scores. The README's \"How a referral is scored\" works examples.",
                roles, null, RubricEntry.Current with { Elements = QualityRubric.Elements.Take(2).ToList() });
    }

    private static async Task<Ok<TResponse>> Send<TRequest, TResponse>(IMediator mediator, CancellationToken ct)
        where TRequest : IRequest<TResponse>, new() =>
        TypedResults.Ok(await mediator.Send(new TRequest(), ct));
}
