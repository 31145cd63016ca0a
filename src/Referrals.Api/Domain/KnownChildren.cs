namespace Referrals.Api.Domain;

/// <summary>
/// Whether two contacts are the same child: by NHS number when both have one, otherwise by
/// normalised name and date of birth. A re-referral is a referral within 12 months of an earlier
/// one for the same child (the national measure); withdrawn referrals and duplicates do not count.
/// </summary>
public static class KnownChildren
{
    public const string ByNhsNumber = "nhs-number";
    public const string ByNameAndDateOfBirth = "name-and-date-of-birth";

    public sealed record Child(string? NhsNumber, string NormalisedName, DateOnly? DateOfBirth)
    {
        public static Child Of(Contact contact) => new(contact.NhsNumber, contact.NormalisedName, contact.DateOfBirth);
    }

    public static string? MatchedOn(Child child, Child earlier)
    {
        if (child.NhsNumber is not null && earlier.NhsNumber is not null)
            return child.NhsNumber == earlier.NhsNumber ? ByNhsNumber : null;
        return child.DateOfBirth is not null && child.DateOfBirth == earlier.DateOfBirth && child.NormalisedName == earlier.NormalisedName
            ? ByNameAndDateOfBirth
            : null;
    }

    public static bool IsReReferral(DateTimeOffset receivedAt, DateTimeOffset earlierReceivedAt, ReferralStatus earlierStatus) =>
        earlierReceivedAt < receivedAt && earlierReceivedAt >= receivedAt.AddMonths(-12)
        && earlierStatus is not (ReferralStatus.Withdrawn or ReferralStatus.Linked);
}
