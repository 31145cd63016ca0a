using System.Globalization;
using Referrals.Api.Domain;

namespace Referrals.Api.Pages;

/// <summary>Times and sizes as a partner reads them: London time, in words.</summary>
public static class Show
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string When(DateTimeOffset instant) =>
        LondonTime.ToLocal(instant).ToString("d MMMM yyyy 'at' h:mmtt", English).Replace("AM", "am").Replace("PM", "pm");

    public static string Day(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("d MMMM yyyy", English);

    public static string Size(long bytes) => Features.Referrals.SubmissionDocuments.Size(bytes);
}
