namespace Referrals.Api.Features.Feedback;

/// <summary>How notices reach referring agencies: configuration section "Feedback".</summary>
public sealed class FeedbackOptions
{
    public DeliveryOptions Delivery { get; set; } = new();
    public WebhookOptions Webhooks { get; set; } = new();
    public EmailOptions Email { get; set; } = new();
}

public sealed class DeliveryOptions
{
    /// <summary>Run the delivery worker in this instance. Every instance may run it: claims keep them apart.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often an idle worker looks for due notices.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a worker holds a notice it is sending; after that another may take it (a crashed worker's claim lapses).</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How long after the event a failing notice is retried before it is marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);
    /// <summary>The wait after the first failure; it doubles with each failure (with jitter) up to MaxRetryInterval.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How long one webhook call or e-mail may take; well under ClaimFor.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
    public int BatchSize { get; set; } = 20;
}

public sealed class WebhookOptions
{
    /// <summary>Allow http:// receivers (development and tests only); production receivers must use https.</summary>
    public bool AllowInsecureUrls { get; set; }
    /// <summary>
    /// Allow receivers on loopback and private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), for a
    /// council whose partners' receivers are internal, and for tests. Off: a manager's URL must not reach inside.
    /// Link-local (cloud metadata), multicast, reserved and unspecified addresses are refused even then.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}

public sealed class EmailOptions
{
    /// <summary>Off by default: no e-mail is sent until a council configures its SMTP server.</summary>
    public bool Enabled { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "referrals@council.example";
    /// <summary>Where the referrer signs in to read the outcome; named in every notice.</summary>
    public string SignInUrl { get; set; } = "https://referrals.council.example";

    public EmailOptions Checked()
    {
        if (Enabled && string.IsNullOrWhiteSpace(Host))
            throw new InvalidOperationException("Feedback:Email:Enabled is true but Feedback:Email:Host is not set.");
        return this;
    }
}
