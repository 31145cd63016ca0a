using Referrals.Api.Domain;

namespace Referrals.UnitTests;

/// <summary>
/// The census's codes, as its schema lists them (the DfE's CIN census XSD, assessmentfactorstype and referralsourcetype,
/// read from SocialFinanceDigitalLabs/liia-tools csdatatools/spec/cin/cin-2022.xsd): written out here by hand, so a
/// change to either list in the code must be checked against the schema again.
/// </summary>
public sealed class NationalCodesTests
{
    private static readonly string[] CensusFactors =
    [
        "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C", "7A",
        "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A", "18B", "18C", "19B", "19C",
        "20", "21", "22A", "23A", "24A",
    ];

    private static readonly string[] ReferralSources =
        ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "6", "7", "8", "9", "10"];

    [Fact]
    public void Every_census_factor_a_referrer_can_raise_has_one_national_category_and_every_category_a_census_factor()
    {
        var national = ConcernCategories.All.Where(c => !c.Local).ToList();
        Assert.All(ConcernCategories.All, c => Assert.Contains(c.CensusFactor, CensusFactors));
        // 21, "no factors identified", is an assessment's finding, not a concern.
        Assert.Equal(CensusFactors.Except(["21"]).Order(), national.Select(c => c.CensusFactor).Order());
        Assert.All(ConcernCategories.All.Where(c => c.Local), c => Assert.Equal("20", c.CensusFactor));
    }

    [Theory]
    [InlineData("neglect", "16A")]
    [InlineData("emotional-abuse", "17A")]
    [InlineData("physical-abuse-by-child", "18B")]
    [InlineData("physical-abuse-by-adult", "18C")]
    [InlineData("sexual-abuse-by-child", "19B")]
    [InlineData("sexual-abuse-by-adult", "19C")]
    [InlineData("missing", "10A")]
    [InlineData("child-sexual-exploitation", "11A")]
    [InlineData("unaccompanied-asylum-seeking-child", "9A")]
    [InlineData("female-genital-mutilation", "22A")]
    [InlineData("abuse-linked-to-faith-or-belief", "23A")]
    [InlineData("child-criminal-exploitation", "24A")]
    [InlineData("private-fostering-uk-education", "8D")]
    public void Categories_count_as_the_census_factor_the_schema_gives(string code, string factor) =>
        Assert.Equal(factor, ConcernCategories.All.Single(c => c.Code == code).CensusFactor);

    [Fact]
    public void Retired_codes_name_categories_that_exist()
    {
        Assert.All(ConcernCategories.Retired, r =>
        {
            Assert.False(ConcernCategories.IsKnown(r.Key));
            Assert.All(r.Value, code => Assert.True(ConcernCategories.IsKnown(code), code));
        });
    }

    [Theory]
    [InlineData(AgencyType.YouthOffending, "5B")]
    [InlineData(AgencyType.EarlyHelp, "5B")]
    [InlineData(AgencyType.OtherInternal, "5B")]
    [InlineData(AgencyType.LocalAuthoritySocialCare, "5A")]
    [InlineData(AgencyType.OtherLocalAuthority, "5C")]
    [InlineData(AgencyType.Probation, "7")]
    [InlineData(AgencyType.Court, "7")]
    [InlineData(AgencyType.Immigration, "7")]
    [InlineData(AgencyType.Cafcass, "7")]
    [InlineData(AgencyType.Prison, "7")]
    [InlineData(AgencyType.ChildrensCentre, "8")]
    [InlineData(AgencyType.IndependentProvider, "8")]
    [InlineData(AgencyType.VoluntarySector, "8")]
    [InlineData(AgencyType.Anonymous, "9")]
    [InlineData(AgencyType.Unknown, "10")]
    public void Agency_types_are_the_census_referral_source_the_schema_gives(AgencyType type, string code) =>
        Assert.Equal(code, ReferralSource.For(type).Value);

    [Fact]
    public void Every_agency_type_has_a_census_source_and_every_source_is_produced()
    {
        var produced = Enum.GetValues<AgencyType>().Select(ReferralSource.For).ToList();
        Assert.All(produced, s => Assert.Contains(s.Value, ReferralSources));
        Assert.Equal(ReferralSources.Order(), produced.Select(s => s.Value).Distinct().Order());
        Assert.Equal("LA SERVICES – social care for example adults social care services", ReferralSource.For(AgencyType.LocalAuthoritySocialCare).Label);
        Assert.Equal("UNKNOWN", ReferralSource.For(AgencyType.Unknown).Label);
    }

    [Fact]
    public void Primary_need_N2_is_the_childs_disability() => Assert.Equal("Child's disability", PrimaryNeeds.All["N2"]);

    [Fact]
    public void Not_known_is_one_word_wherever_the_form_takes_it() =>
        Assert.Equal(NotKnownAnswer.Word, Referrals.Api.Domain.EnumWords.Of(Answer.NotKnown));

    [Fact]
    public void Ethnicity_disability_and_gender_are_the_schemas_codes()
    {
        Assert.Equal(["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR",
            "BOTH", "CHNE", "OOTH", "REFU", "NOBT"], CensusCodes.Ethnicities.Select(e => e.Value));
        Assert.Equal(["NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"], CensusCodes.Disabilities.Select(d => d.Value));
        Assert.Equal(["1", "2", "0", "0", "9"], Enum.GetValues<Gender>().Select(g => CensusCodes.GenderOf(g).Value));
        Assert.Equal("0", CensusCodes.GenderOf(null).Value);
    }

    [Theory]
    [InlineData("WBRI", "WBRI")]
    [InlineData("wbri", "WBRI")]
    [InlineData("White British", "WBRI")]
    [InlineData("gypsy/roma", "WROM")]
    [InlineData("not known", "NOBT")]
    [InlineData("Mixed", null)]
    [InlineData("British", null)]
    public void An_ethnicity_is_its_census_code_or_label_and_nothing_else(string given, string? code) =>
        Assert.Equal(code, CensusCodes.EthnicityCode(given));
}
