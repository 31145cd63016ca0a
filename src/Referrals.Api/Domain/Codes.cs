namespace Referrals.Api.Domain;

/// <summary>How a referral reached the front door. Partners use the electronic form; the First
/// Contact Team records the others on a partner's behalf.</summary>
public enum Channel { ElectronicForm, Phone, Email, InPerson }

/// <summary>A question the form requires answered, where "not known" is information and a blank is a defect.</summary>
public enum Answer { Yes, No, NotKnown }

public enum Gender { Male, Female, Other, NotKnown }

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
}

public static class AgencyTypes
{
    /// <summary>
    /// Members of the public and anonymous informants: sources whose referrals the First Contact Team records (by
    /// phone, e-mail or in person), never agencies whose people sign in. A referrer token for one would let anyone
    /// holding it read every such referral, informants' names and numbers included.
    /// </summary>
    public static bool IsMemberOfThePublic(AgencyType type) =>
        type is AgencyType.FamilyMember or AgencyType.Acquaintance or AgencyType.Self or AgencyType.OtherIndividual or AgencyType.Anonymous;
}

public static class ReferralSource
{
    public sealed record Code(string Value, string Label);

    public static readonly Code Unknown = new("10", "Unknown");

    public static Code For(AgencyType type) => type switch
    {
        AgencyType.FamilyMember => new("1A", "Individual: family member/relative/carer"),
        AgencyType.Acquaintance => new("1B", "Individual: acquaintance (including neighbours and child minders)"),
        AgencyType.Self => new("1C", "Individual: self"),
        AgencyType.OtherIndividual => new("1D", "Individual: other (including strangers, MPs)"),
        AgencyType.School => new("2A", "Schools"),
        AgencyType.EducationService => new("2B", "Education services"),
        AgencyType.GpPractice => new("3A", "Health services: GP"),
        AgencyType.HealthVisiting => new("3B", "Health services: health visitor"),
        AgencyType.SchoolNursing => new("3C", "Health services: school nurse"),
        AgencyType.OtherPrimaryHealth => new("3D", "Health services: other primary health services"),
        AgencyType.EmergencyDepartment => new("3E", "Health services: A&E"),
        AgencyType.OtherHealth => new("3F", "Health services: other"),
        AgencyType.Housing => new("4", "Housing"),
        AgencyType.LocalAuthoritySocialCare => new("5A", "LA services: social care"),
        AgencyType.OtherInternal => new("5B", "LA services: other internal"),
        AgencyType.OtherLocalAuthority => new("5C", "LA services: external (another local authority)"),
        AgencyType.EarlyHelp => new("5D", "LA services: early help"),
        AgencyType.Police => new("6", "Police"),
        // Probation and youth justice are coded with courts and prisons as "other legal agency".
        AgencyType.Probation or AgencyType.YouthOffending => new("7", "Other legal agency"),
        AgencyType.VoluntarySector => new("8", "Other (including voluntary sector)"),
        AgencyType.Anonymous => new("9", "Anonymous"),
        _ => Unknown,
    };
}
