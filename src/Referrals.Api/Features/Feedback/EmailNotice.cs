using System.Net.Mail;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// The e-mail a referrer is sent: the reference and a prompt to sign in, nothing about the child or
/// family (e-mail is not a secure channel, and a shared inbox may be read by anyone in the agency).
/// </summary>
public static class EmailNotice
{
    public static MailMessage For(EmailOptions options, string recipient, FeedbackEvent raised)
    {
        var what = FeedbackEvent.Describe(raised.Type);
        return new MailMessage(options.From, recipient)
        {
            Subject = $"Referral {raised.Reference}: {what}",
            Body = $"""
                Referral {raised.Reference}: {what}.

                {Prompt(raised.Type)}
                Sign in to read it: {options.SignInUrl}

                This message holds no details of the child or family. Please do not reply to it.
                """,
            IsBodyHtml = false,
        };
    }

    private static string Prompt(FeedbackEventType type) => type switch
    {
        FeedbackEventType.Acknowledged => "The First Contact Team has received your referral and will decide on it within one working day.",
        FeedbackEventType.InformationRequested => "The First Contact Team has asked you questions about your referral. Please answer them as soon as you can.",
        FeedbackEventType.OutcomeReady => "The outcome of your referral, with feedback for you, is ready.",
        FeedbackEventType.Withdrawn => "Your referral has been withdrawn.",
        FeedbackEventType.JoinedWithAnother => "Your referral has been joined with another about the same child, and will be decided with it. " +
            "You will hear the outcome when it is ready.",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
