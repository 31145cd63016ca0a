namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>Every kind of caller the access tables check: anonymous, each role, and a referrer of another agency.</summary>
public static class Callers
{
    public const string Anonymous = "anonymous", OwnAgency = "referrer (own agency)", OtherAgency = "referrer (another agency)";
    public const string OwnAgencyCode = "SCH-DERBY-MOOR", OtherAgencyCode = "POLICE-DERBYSHIRE";

    public static readonly string[] All = [Anonymous, OwnAgency, OtherAgency, Roles.Practitioner, Roles.Manager, Roles.Analyst, Roles.Auditor];

    public static HttpClient Client(ReferralsApp app, string caller) => caller switch
    {
        Anonymous => app.Anonymous(),
        OwnAgency => app.As(Roles.Referrer, OwnAgencyCode),
        OtherAgency => app.As(Roles.Referrer, OtherAgencyCode),
        _ => app.As(caller),
    };
}
