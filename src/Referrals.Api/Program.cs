using Microsoft.Extensions.Configuration.Json;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using Referrals.Api.OpenApi;
using Referrals.Api.Pages;
using Referrals.Api.Tools;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = LaunchEnvironment.Fallback(args, Environment.GetEnvironmentVariable),
});
// Agencies are configuration a council changes without a release; edits are picked up while running.
// The file sits with the appsettings files, so environment variables still override single values.
builder.Configuration.Sources.Insert(
    builder.Configuration.Sources.ToList().FindLastIndex(source => source is JsonConfigurationSource) + 1,
    new JsonConfigurationSource { Path = "agencies.json", Optional = false, ReloadOnChange = true });

if (args is ["token", ..])
{
    return DevelopmentTokens.RunCommand(args, builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new(),
        builder.Environment, builder.Configuration.Get<AgencyOptions>()?.Agencies ?? [], Console.Out, Console.Error);
}

// The exception handler logs every unhandled exception itself, without its message (which may quote what a user
// sent); the middleware's own line would print the whole exception, message and all.
builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
var limits = (builder.Configuration.GetSection("Limits").Get<RequestLimits>() ?? new()).Checked();
var https = builder.Configuration.GetSection("Https").Get<HttpsOptions>() ?? new();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
    kestrel.AddServerHeader = false;
});

builder.Services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new EnglandBankHolidays(builder.Configuration.GetSection("Calendar:AnnouncedBankHolidays").Get<DateOnly[]>(),
    builder.Configuration.GetSection("Calendar:WithdrawnBankHolidays").Get<DateOnly[]>()));
builder.Services.AddSingleton<WorkingDayCalendar>();
builder.Services.AddSingleton((builder.Configuration.GetSection("Triage:SignOff").Get<SignOffRules>() ?? new()).Checked());
builder.Services.AddSingleton(builder.Configuration.GetSection("Triage:RagTargets").Get<RagTargets>() ?? new());
var feedback = builder.Configuration.GetSection("Feedback").Get<FeedbackOptions>() ?? new();
feedback.Email.Checked();
builder.Services.AddSingleton(feedback);
builder.Services.AddSingleton<ContactFactsWriter>();
builder.Services.AddSingleton((builder.Configuration.GetSection("Metrics").Get<MetricsOptions>() ?? new()).Checked());
builder.Services.AddSingleton<FigureGroups>();
builder.Services.AddScoped<PeriodTallies>();
builder.Services.AddSingleton<FortnightlyReport.KeptTallies>();
builder.Services.AddSingleton<PeriodTallies.KeptHours>();
builder.Services.AddSingleton<FeedbackDispatcher>();
builder.Services.AddSingleton<ReceiverAddresses>();
// Receivers are partners' systems: no redirects followed, so a delivery goes only where the manager registered,
// and only to public addresses, checked again as each connection is made.
builder.Services.AddHttpClient(FeedbackDispatcher.HttpClientName)
    .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<ReceiverAddresses>().Handler());
if (feedback.Delivery.Enabled) builder.Services.AddHostedService<FeedbackWorker>();
AgencyDirectory.AddAgencies(builder.Services, builder.Configuration);
builder.Services.AddReferralsDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton<IInterceptor, AuditIsAppendOnly>();
// What every save of referral changes writes with them, in this order, in one transaction (UnitOfWork): the figures,
// the feedback events' notices (the outbox), and last, a new referral's reference number.
builder.Services.AddScoped<UnitOfWork>();
builder.Services.AddScoped<ISaveStep, FiguresSaveStep>();
builder.Services.AddScoped<ISaveStep>(_ => new FeedbackOutbox(feedback));
builder.Services.AddScoped<ISaveStep, ReferenceNumbers>();
builder.Services.AddReferralsAuth(builder.Configuration, builder.Environment);
builder.Services.AddPartnerPages(builder.Configuration, builder.Environment, https);
builder.Services.AddUseCases();
builder.Services.AddSingleton<ReferralFormValidator.PerSubmitter>();
builder.Services.AddScoped(services => services.GetRequiredService<ReferralFormValidator.PerSubmitter>().For(services.GetRequiredService<CurrentUser>()));
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddSingleton((builder.Configuration.GetSection("Drafts").Get<DraftOptions>() ?? new()).Checked());
var attachments = (builder.Configuration.GetSection("Attachments").Get<AttachmentOptions>() ?? new()).Checked();
builder.Services.AddSingleton(attachments);
builder.Services.AddScoped<DraftViews>();
builder.Services.AddSingleton<ExpiredDrafts>();
builder.Services.AddHostedService(services => services.GetRequiredService<ExpiredDrafts>());
builder.Services.AddScoped<ReferralDetails>();
builder.Services.AddScoped<ReferralChanges>();
builder.Services.AddProblemResponses();
builder.Services.AddAbuseLimits(limits, https);
builder.Services.AddSingleton(limits);
builder.Services.AddSingleton<PdfRendering>();
builder.Services.AddContract();
var telemetry = (builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new()).Checked();
builder.Services.AddTelemetry(telemetry, builder.Logging);
builder.Services.AddSingleton<OperationalGauge, OverdueReferrals>();
builder.Services.AddSingleton<OperationalGauge, DeliveryBacklog>();
builder.Services.AddHealthChecks().AddDbContextCheck<ReferralsDbContext>(tags: ["ready"]);

var app = builder.Build();
// Made now, so its gauges are there for the first scrape or export.
_ = app.Services.GetRequiredService<ServiceMetrics>();
if (args is ["seed", ..])
    return await SyntheticHistory.RunCommandAsync(args, app.Services, Console.Out, Console.Error);
Database.Migrate(app.Services);
await ContactFactsBackfill.RunAsync(app.Services);
if (args is ["check-figures", ..])
    return await FiguresCheck.RunCommandAsync(args, app.Services, Console.Out, Console.Error);

app.UseExceptionHandler();
app.UseProblemStatusPages();
app.UseAbuseLimits(https);
app.UsePageAssets();
app.UseRequestGuards(limits.MaxRequestBodyBytes);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapSwagger("/openapi/{documentName}.json").AllowAnonymous();
app.MapProblemPages();
app.MapScrapeEndpoint(telemetry);
app.MapApiReference();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapReferenceData();
app.MapReferrals();
app.MapDrafts();
app.MapAttachments(attachments);
app.MapTriage();
app.MapFeedback();
app.MapMetrics();
app.MapAudit();
app.MapSignIn(builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new(), app.Environment);
app.MapPartnerPages().MapDraftPages(attachments);

app.Run();
return 0;

public partial class Program;
