using System.Net.Http.Headers;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// The environment an operator sets is the one the service runs in, even through `dotnet run` and its launch
/// profile; development tokens exist only in Development. Each case starts the real process as the README does.
/// </summary>
public sealed class LaunchEnvironmentTests
{
    // The committed development key (appsettings.Development.json): anyone can sign with it.
    private static readonly AuthOptions CommittedKey = new()
    {
        DevelopmentSigningKey = "development-only-signing-key-not-for-production-use",
        Audience = "referrals-api", DevelopmentIssuer = "referrals-development",
    };

    private static async Task<HttpStatusCode> ReadWithCommittedKey(ServiceProcess service)
    {
        using var client = new HttpClient { BaseAddress = service.Address };
        var token = DevelopmentTokens.Issue(CommittedKey, new(Roles.Manager, null, "Anyone"), DateTimeOffset.UtcNow);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/v1/reference-data/agencies")).StatusCode;
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Production")]
    [InlineData("DOTNET_ENVIRONMENT", "Production")]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Staging")]
    public async Task The_environment_set_in_the_shell_wins_over_the_launch_profile_so_no_development_token_is_taken(
        string variable, string environment)
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?> { [variable] = environment });
        // Outside Development with no identity provider configured, the service must not start at all.
        Assert.True(service.HasExited, $"The service started in {environment}; a committed-key token got "
            + $"{(service.HasExited ? 0 : (int)await ReadWithCommittedKey(service))}.\n{service.Output}");
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Auth:Authority", service.Output);
    }

    [Fact]
    public async Task A_development_key_configured_outside_development_stops_the_start()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Never dialled: the service refuses before it would fetch anything.
            ["Auth__Authority"] = "https://127.0.0.1:9/",
            ["Auth__DevelopmentSigningKey"] = CommittedKey.DevelopmentSigningKey,
        });
        Assert.True(service.HasExited, service.Output);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Auth:DevelopmentSigningKey", service.Output);
    }

    /// <summary>Keys fetched over plain HTTP could be anyone's: only a provider on this machine, and only when said so.</summary>
    [Theory]
    [InlineData("http://login.council.example/", "false")]
    [InlineData("http://127.0.0.1:9/", "true")]
    [InlineData("login.council.example", "true")]
    [InlineData("ftp://login.council.example/", "true")]
    public async Task An_identity_provider_not_reached_over_https_stops_the_start(string authority, string requireHttpsMetadata)
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__Authority"] = authority,
            ["Auth__RequireHttpsMetadata"] = requireHttpsMetadata,
        });
        Assert.True(service.HasExited, service.Output);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Auth:Authority must be the identity provider's https address", service.Output);
    }

    [Fact]
    public async Task The_readmes_command_with_no_environment_named_runs_as_development_with_its_tokens()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>());
        Assert.False(service.HasExited, service.Output);
        Assert.Equal(HttpStatusCode.OK, await ReadWithCommittedKey(service));
    }
}
