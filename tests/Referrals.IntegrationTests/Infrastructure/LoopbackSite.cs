using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Another organisation's system as a test stands it up (a partner's webhook receiver, the council's identity
/// provider): a small web app on 127.0.0.1 at a free port, so tests send traffic to loopback only.
/// </summary>
public static class LoopbackSite
{
    public static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts the site and answers its address ("http://127.0.0.1:port").</summary>
    public static async Task<string> StartAsync(WebApplication site)
    {
        await site.StartAsync();
        return site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }
}
