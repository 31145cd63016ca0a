using System.Net;
using System.Net.Sockets;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// Keeps webhook deliveries to the partners' public receivers: a manager's URL must not turn the worker into a
/// probe of the council's own network (server-side request forgery). The host is checked at registration, in
/// every spelling an address can take, and every address a name resolves to is checked again when the worker
/// connects, so a DNS answer that changes after registration is caught before anything is dialled.
/// </summary>
public sealed class ReceiverAddresses(FeedbackOptions options)
{
    /// <summary>Name resolution; a test replaces it to hand the guard addresses that must never be dialled.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; init; } = Dns.GetHostAddressesAsync;

    public const string RefusedMessage =
        "The receiver is on a loopback, private, link-local, shared, multicast or reserved network; give the partner's public address.";

    private static readonly IPNetwork[] NeverAllowed =
    [
        .. new[]
        {
            "0.0.0.0/8", "169.254.0.0/16", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "2001::/23", "2001:db8::/32", "3fff::/20",
        }.Select(IPNetwork.Parse),
    ];

    private static readonly IPNetwork[] Private =
    [
        .. new[] { "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" }.Select(IPNetwork.Parse),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Whether the worker may connect to this address.</summary>
    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return Allows(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            // Addresses that carry an IPv4 address inside are judged by it.
            if (Nat64.Contains(address)) return Allows(new IPAddress(bytes[12..16]));
            if (SixToFour.Contains(address)) return Allows(new IPAddress(bytes[2..6]));
            if (Private.Any(n => n.Contains(address)) || address.Equals(IPAddress.IPv6Loopback)) return options.Webhooks.AllowPrivateNetworks;
            // Everything outside global unicast (unspecified, loopback, link-local, site-local, multicast, the
            // IPv4-compatible block) is refused, and so are the special blocks inside it.
            return GlobalUnicastV6.Contains(address) && !NeverAllowed.Any(n => n.Contains(address));
        }
        if (address.AddressFamily != AddressFamily.InterNetwork) return false;
        if (NeverAllowed.Any(n => n.Contains(address))) return false;
        return !Private.Any(n => n.Contains(address)) || options.Webhooks.AllowPrivateNetworks;
    }

    /// <summary>
    /// At registration: a host given as an address (decimal, hex, octal, short or IPv6 forms all reach here as the
    /// address they mean) must be allowed; loopback names are refused; other names are checked when dialled.
    /// </summary>
    public bool AllowsHost(Uri url)
    {
        var host = url.IdnHost.TrimEnd('.');
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || IPAddress.TryParse(host, out _))
            return IPAddress.TryParse(host.Trim('[', ']'), out var address) && Allows(address);
        var loopbackName = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return !loopbackName || options.Webhooks.AllowPrivateNetworks;
    }

    /// <summary>The addresses the worker may dial for a host: all it resolves to, or none (refused) if any is not allowed.</summary>
    public async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Resolve(host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(Allows)) throw new ReceiverRefusedException();
        return addresses;
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: resolve, check, then dial only the checked addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await AllowedAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The handler every delivery goes through: no redirects, no proxy (so the guard sees the receiver itself).</summary>
    public SocketsHttpHandler Handler() => new() { AllowAutoRedirect = false, UseProxy = false, ConnectCallback = ConnectAsync };
}

/// <summary>The receiver's address is one the service will not connect to.</summary>
public sealed class ReceiverRefusedException() : Exception(ReceiverAddresses.RefusedMessage);
