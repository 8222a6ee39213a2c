using System.Net;
using System.Net.Sockets;

namespace ParallelAgents.TestSupport;

/// <summary>Free loopback TCP ports, so test hosts never collide with each other or a running service.</summary>
public static class FreePorts
{
    /// <summary>A port nothing listens on at the moment of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
