namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>Every kind of caller the access tables check: anonymous, each role, and a referrer of another agency.</summary>
public static class Callers
{
    public const string Anonymous = "anonymous", OwnAgency = "referrer (own agency)", OtherAgency = "referrer (another agency)";
    public const string OwnAgencyCode = "SCH-DERBY-MOOR", OtherAgencyCode = "POLICE-DERBYSHIRE";

    public static readonly string[] All = [Anonymous, OwnAgency, OtherAgency, Roles.Practitioner, Roles.Manager, Roles.Analyst, Roles.Auditor];

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
        _ => app.Token(caller),
    };
}
