using System.Net;
using System.Net.Sockets;

namespace Referrals.IntegrationTests.Infrastructure;

public static class Loopback
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
