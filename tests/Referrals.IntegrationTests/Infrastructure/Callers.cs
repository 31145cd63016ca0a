namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Every kind of caller the access tables check: anonymous, each role, a referrer of another agency, and a referrer
/// token for members of the public (a pseudo-agency no one signs in for).
/// </summary>
public static class Callers
{
    public const string Anonymous = "anonymous", OwnAgency = "referrer (own agency)", OtherAgency = "referrer (another agency)",
        PublicSource = "referrer (members of the public)";
    public const string OwnAgencyCode = "SCH-DERBY-MOOR", OtherAgencyCode = "POLICE-DERBYSHIRE", PublicSourceCode = "PUBLIC-ANONYMOUS";

    public static readonly string[] All = [Anonymous, OwnAgency, OtherAgency, Roles.Practitioner, Roles.Manager, Roles.Analyst, Roles.Auditor, PublicSource];

    public static HttpClient Client(ReferralsApp app, string caller)
    {
        var client = app.Anonymous();
        if (Token(app, caller) is { } token) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>The caller's bearer token, issued now by the app's clock; none for anonymous.</summary>
    public static string? Token(ReferralsApp app, string caller) => caller switch
    {
        Anonymous => null,
        OwnAgency => app.Token(Roles.Referrer, OwnAgencyCode),
        OtherAgency => app.Token(Roles.Referrer, OtherAgencyCode),
        PublicSource => app.Token(Roles.Referrer, PublicSourceCode),
        _ => app.Token(caller),
    };
}
