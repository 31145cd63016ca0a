namespace Referrals.Api.Domain;

/// <summary>How a referral reached the front door. Partners use the electronic form; the First
/// Contact Team records the others on a partner's behalf.</summary>
public enum Channel { ElectronicForm, Phone, Email, InPerson }

/// <summary>A question the form requires answered, where "not known" is information and a blank is a defect.</summary>
public enum Answer { Yes, No, NotKnown }

/// <summary>The child's sex or gender; the census codes each (CensusCodes.GenderOf). Indeterminate is the census's 9.</summary>
public enum Gender { Male, Female, Other, NotKnown, Indeterminate }

public enum RiskLevel { Low, Medium, High, NotKnown }

/// <summary>DASH risk assessment levels on a domestic abuse notification.</summary>
public enum DomesticAbuseRisk { Standard, Medium, High }

/// <summary>Derby and Derbyshire's thresholds of need.</summary>
public static class LevelsOfNeed
{
    public sealed record Level(int Value, string Name, string Description);

    public static readonly IReadOnlyList<Level> All =
    [
        new(1, "Universal", "Needs met by universal services."),
        new(2, "Emerging needs", "Early help: additional needs met by a targeted, coordinated response."),
        new(3, "Intensive / complex needs", "Children in need: multiple or complex needs requiring a social care response."),
        new(4, "Specialist / child protection", "Actual or likely significant harm: child protection."),
    ];

    /// <summary>The referrer could not judge the level: held as 0, shown as "not-known".</summary>
    public const int NotKnown = 0;

    public static bool IsEarlyHelp(int level) => level is 1 or 2;

    public static bool IsKnown(int? level) => level is >= 1 and <= 4;
}

/// <summary>Agency types, each mapped to the children in need census referral source code so
/// figures and exports need no re-coding.</summary>
public enum AgencyType
{
    FamilyMember, Acquaintance, Self, OtherIndividual,
    School, EducationService,
    GpPractice, HealthVisiting, SchoolNursing, OtherPrimaryHealth, EmergencyDepartment, OtherHealth,
    Housing,
    LocalAuthoritySocialCare, OtherInternal, OtherLocalAuthority, EarlyHelp,
    Police,
    Probation, YouthOffending,
    VoluntarySector,
    Anonymous,
    // Added with the census's own lists: other legal agencies (7), other sources (8), and a source not known (10).
    Court, Immigration, Cafcass, Prison,
    ChildrensCentre, IndependentProvider,
    Unknown,
}

public static class AgencyTypes
{
    /// <summary>
    /// Members of the public and anonymous informants: sources whose referrals the First Contact Team records (by
    /// phone, e-mail or in person), never agencies whose people sign in. A referrer token for one would let anyone
    /// holding it read every such referral, informants' names and numbers included.
    /// </summary>
    public static bool IsMemberOfThePublic(AgencyType type) =>
        type is AgencyType.FamilyMember or AgencyType.Acquaintance or AgencyType.Self or AgencyType.OtherIndividual or AgencyType.Anonymous
            or AgencyType.Unknown;
}

/// <summary>
/// The children in need census referral source for each agency type, code and label exactly as the census schema gives
/// them (checked against the DfE's CIN census XSD).
/// </summary>
public static class ReferralSource
{
    public sealed record Code(string Value, string Label);

    public static readonly Code Unknown = new("10", "UNKNOWN");

    public static Code For(AgencyType type) => type switch
    {
        AgencyType.FamilyMember => new("1A", "INDIVIDUAL – family member, relative or carer"),
        AgencyType.Acquaintance => new("1B", "INDIVIDUAL – acquaintance (including neighbours and child minders)"),
        AgencyType.Self => new("1C", "INDIVIDUAL – self"),
        AgencyType.OtherIndividual => new("1D", "INDIVIDUAL – other (including strangers)"),
        AgencyType.School => new("2A", "SCHOOLS"),
        AgencyType.EducationService => new("2B", "EDUCATION SERVICES"),
        AgencyType.GpPractice => new("3A", "HEALTH SERVICES – general practitioner (GP)"),
        AgencyType.HealthVisiting => new("3B", "HEALTH SERVICES – health visitor"),
        AgencyType.SchoolNursing => new("3C", "HEALTH SERVICES – school nurse"),
        AgencyType.OtherPrimaryHealth => new("3D", "HEALTH SERVICES – other primary health services"),
        AgencyType.EmergencyDepartment => new("3E", "HEALTH SERVICES – A&E (accident and emergency department)"),
        AgencyType.OtherHealth => new("3F", "HEALTH SERVICES – other (for example hospice)"),
        AgencyType.Housing => new("4", "HOUSING - local authority housing or housing association"),
        AgencyType.LocalAuthoritySocialCare => new("5A", "LA SERVICES – social care for example adults social care services"),
        // The census gives youth offending as its example of another internal department; early help is one too.
        AgencyType.OtherInternal or AgencyType.YouthOffending or AgencyType.EarlyHelp => new("5B",
            "LA SERVICES – other internal (department other than social care in local authorities, for example, youth offending (excluding housing))"),
        AgencyType.OtherLocalAuthority => new("5C", "LA SERVICES – external, for example, from another local authority’s adults social care services"),
        AgencyType.Police => new("6", "POLICE"),
        AgencyType.Probation or AgencyType.Court or AgencyType.Immigration or AgencyType.Cafcass or AgencyType.Prison => new("7",
            "OTHER LEGAL AGENCY – including courts, probation, immigration, CAFCASS (Children and Family Court Advisory and Support Service) or prison"),
        AgencyType.VoluntarySector or AgencyType.ChildrensCentre or AgencyType.IndependentProvider => new("8",
            "OTHER – including children’s centres, independent agency providers or voluntary organisations"),
        AgencyType.Anonymous => new("9", "ANONYMOUS"),
        _ => Unknown,
    };
}
