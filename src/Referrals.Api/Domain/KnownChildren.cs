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
        return child.DateOfBirth is not null && child.DateOfBirth == earlier.DateOfBirth
               && IsFullName(child.NormalisedName) && child.NormalisedName == earlier.NormalisedName
            ? ByNameAndDateOfBirth
            : null;
    }

    /// <summary>
    /// A name of two words or more (a first name and a surname): only such a name, with a date of birth, tells a child
    /// apart. Two children known only as "Amy", born the same day, are not the same child.
    /// </summary>
    public static bool IsFullName(string normalisedName) => normalisedName.Contains(' ');

    public static bool IsReReferral(DateTimeOffset receivedAt, DateTimeOffset earlierReceivedAt, ReferralStatus earlierStatus) =>
        earlierReceivedAt < receivedAt && earlierReceivedAt >= receivedAt.AddMonths(-12)
        && earlierStatus is not (ReferralStatus.Withdrawn or ReferralStatus.Linked);
}
