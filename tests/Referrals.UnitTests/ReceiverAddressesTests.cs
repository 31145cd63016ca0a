using System.Net;
using Referrals.Api.Features.Feedback;

namespace Referrals.UnitTests;

/// <summary>
/// Webhook receivers must be public. Nothing here dials anything: the resolver is a stand-in that hands the guard
/// the addresses an attacker's DNS might answer, and the guard must refuse before any connection is made.
/// </summary>
public sealed class ReceiverAddressesTests
{
    private static ReceiverAddresses Guard(bool allowPrivate = false, params string[] resolvesTo) =>
        new(new FeedbackOptions { Webhooks = { AllowPrivateNetworks = allowPrivate } })
        {
            Resolve = (_, _) => Task.FromResult(resolvesTo.Select(IPAddress.Parse).ToArray()),
        };

    public static readonly TheoryData<string> InsideAddresses =
    [
        "127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "100.64.0.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "224.0.0.1", "239.255.255.250", "ff02::1",
        "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::",
        "2001:db8::1", "2001::1", "::127.0.0.1", "fec0::1",
    ];

    public static readonly TheoryData<string> InsideUrls =
    [
        "https://127.0.0.1/hook", "https://localhost/hook", "https://LOCALHOST./hook", "https://api.localhost/hook",
        "https://[::1]/hook", "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/hook", "https://2130706433/hook",
        "https://0x7f.1/hook", "https://0x7f000001/hook", "https://0177.0.0.1/hook", "https://017700000001/hook",
        "https://127.1/hook", "https://127.0.0.1./hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:7f00:1]/hook",
        "https://[0:0:0:0:0:ffff:a9fe:a9fe]/hook", "https://100.64.0.1/hook", "https://224.0.0.1/hook", "https://0.0.0.0/hook",
        "https://[::]/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://192.168.0.1:8443/hook",
        "https://172.16.0.1/hook", "https://[64:ff9b::7f00:1]/hook", "https://3232235521/hook", "https://0xa9.0xfe.0xa9.0xfe/hook",
    ];

    [Theory, MemberData(nameof(InsideAddresses))]
    public async Task An_address_inside_a_refused_range_is_never_dialled(string address)
    {
        var guard = Guard(false, address);
        Assert.False(guard.Allows(IPAddress.Parse(address)));
        await Assert.ThrowsAsync<ReceiverRefusedException>(() => guard.AllowedAddressesAsync("receiver.partner.example", default));
    }

    [Theory, MemberData(nameof(InsideUrls))]
    public void A_url_that_spells_an_inside_address_is_refused_at_registration(string url) =>
        Assert.False(Guard().AllowsHost(new Uri(url)), url);

    [Fact]
    public async Task One_inside_address_among_public_ones_refuses_the_name()
    {
        // A rebinding answer mixes a public address with an inside one; the socket could pick either.
        await Assert.ThrowsAsync<ReceiverRefusedException>(() =>
            Guard(false, "93.184.215.14", "127.0.0.1").AllowedAddressesAsync("receiver.partner.example", default));
        await Assert.ThrowsAsync<ReceiverRefusedException>(() => Guard(false).AllowedAddressesAsync("nothing.example", default));
    }

    [Fact]
    public async Task Public_addresses_and_names_are_allowed()
    {
        Assert.Equal([IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")],
            await Guard(false, "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c").AllowedAddressesAsync("receiver.partner.example", default));
        Assert.True(Guard().AllowsHost(new Uri("https://receiver.partner.example/hooks/referrals")));
        Assert.True(Guard().Allows(IPAddress.Parse("::ffff:93.184.215.14")));
    }

    [Fact]
    public void The_private_networks_switch_opens_loopback_and_private_ranges_but_never_metadata_or_multicast()
    {
        var inside = Guard(allowPrivate: true);
        foreach (var allowed in new[] { "127.0.0.1", "::1", "10.1.2.3", "192.168.0.10", "172.20.0.1", "100.64.0.1", "fd00::1" })
            Assert.True(inside.Allows(IPAddress.Parse(allowed)), allowed);
        Assert.True(inside.AllowsHost(new Uri("http://localhost:5000/hook")));
        foreach (var refused in new[] { "169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "240.0.0.1", "255.255.255.255" })
            Assert.False(inside.Allows(IPAddress.Parse(refused)), refused);
    }
}
