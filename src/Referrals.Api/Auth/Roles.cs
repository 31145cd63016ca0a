namespace Referrals.Api.Auth;

public static class Roles
{
    public const string Referrer = "referrer";
    public const string Practitioner = "practitioner";
    public const string Manager = "manager";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Referrer, Practitioner, Manager, Analyst, Auditor];

    /// <summary>The First Contact Team: practitioners and their managers.</summary>
    public static readonly string[] FirstContactTeam = [Practitioner, Manager];
}

public static class Claims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Agency = "agency";
}

/// <summary>Named policies; every endpoint names one (or allows anonymous access explicitly).</summary>
public static class Policies
{
    public const string SubmitReferrals = nameof(SubmitReferrals);
    public const string ReadReferrals = nameof(ReadReferrals);
    public const string WithdrawReferrals = nameof(WithdrawReferrals);
    public const string ReadReferenceData = nameof(ReadReferenceData);
    public const string ReadAuditTrail = nameof(ReadAuditTrail);
    public const string TriageReferrals = nameof(TriageReferrals);
    public const string SignOffDecisions = nameof(SignOffDecisions);
    public const string AnswerInformationRequests = nameof(AnswerInformationRequests);
    public const string ReadFeedbackFeed = nameof(ReadFeedbackFeed);
    public const string ManageWebhooks = nameof(ManageWebhooks);
    public const string ReadMetrics = nameof(ReadMetrics);
    public const string ExportInspectionLists = nameof(ExportInspectionLists);
}
