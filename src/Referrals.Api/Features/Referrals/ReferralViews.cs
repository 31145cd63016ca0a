using Referrals.Api.Features.ReferenceData;

namespace Referrals.Api.Features.Referrals;

public sealed record AgencySummary(string Code, string Name, string ReferralSourceCode)
{
    public static AgencySummary Of(string code, AgencyDirectory agencies)
    {
        var agency = agencies.Find(code);
        // An agency removed from configuration after it referred still shows by its code.
        return agency is null
            ? new AgencySummary(code, code, ReferralSource.Unknown.Value)
            : new AgencySummary(code, agency.Name, ReferralSource.For(agency.Type).Value);
    }
}

public sealed record ContactSummary(Guid Id, int Position, string FirstName, string LastName, DateOnly? DateOfBirth, int? EstimatedAgeYears, DateOnly? ExpectedDueDate, Answer SafeNow);

public sealed record Withdrawal(DateTimeOffset At, string Reason);
