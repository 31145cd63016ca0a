using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Features.Feedback;

/// <summary>A manager registers an agency's receiving system; the secret is shown once, in the answer to its creation.</summary>
public static class CreateSubscription
{
    public sealed record Body([property: Required] string? AgencyCode, [property: Required] string? Url);

    public sealed record Command(string? AgencyCode, string? Url) : IRequest<CreatedSubscription>;

    /// <param name="Secret">The shared secret that signs every delivery. Store it now: it is never shown again.</param>
    public sealed record CreatedSubscription(Guid Id, string AgencyCode, string Url, string Secret, DateTimeOffset CreatedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AgencyDirectory agencies, FeedbackOptions options, ReceiverAddresses addresses)
        {
            RuleFor(c => c.AgencyCode).NotEmpty().Must(code => agencies.Find(code) is not null)
                .WithMessage("Not an agency the council lists; see /v1/reference-data/agencies.");
            RuleFor(c => c.Url).NotEmpty().MaximumLength(FieldLimits.Url)
                .Must(url => Receivable(url, options.Webhooks.AllowInsecureUrls))
                .WithMessage(options.Webhooks.AllowInsecureUrls
                    ? "Give an absolute http or https URL without credentials."
                    : "Give an absolute https URL without credentials.")
                .Must(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri) || addresses.AllowsHost(uri))
                .WithMessage(ReceiverAddresses.RefusedMessage);
        }

        private static bool Receivable(string? url, bool allowInsecure) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment)
            && (uri.Scheme == Uri.UriSchemeHttps || (allowInsecure && uri.Scheme == Uri.UriSchemeHttp));
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, TimeProvider clock, AuditTrail audit, ILogger<Handler> log)
        : IRequestHandler<Command, CreatedSubscription>
    {
        public async Task<CreatedSubscription> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscription = new WebhookSubscription
            {
                Id = Guid.CreateVersion7(), AgencyCode = command.AgencyCode!, Url = command.Url!, Secret = WebhookSignature.NewSecret(),
                CreatedAt = clock.GetUtcNow(), CreatedByUserId = user.Id, CreatedByName = user.Name,
            };
            db.WebhookSubscriptions.Add(subscription);
            audit.RecordAbout(AuditActions.SubscriptionCreated, subscription.Id);
            await save.SaveAsync(cancellationToken);
            log.LogInformation("Webhook subscription {SubscriptionId} made for {AgencyCode} by {UserId}", subscription.Id, subscription.AgencyCode, user.Id);
            return new CreatedSubscription(subscription.Id, subscription.AgencyCode, subscription.Url, subscription.Secret, subscription.CreatedAt);
        }
    }
}
