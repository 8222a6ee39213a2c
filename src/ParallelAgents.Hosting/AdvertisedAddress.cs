using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace ParallelAgents.Hosting;

/// <summary>The address a silo tells the others to reach it at.</summary>
public static class AdvertisedAddress
{
    /// <summary>
    /// The configured address, or the first up, non-loopback IPv4 unicast address of this machine (a container's own IP),
    /// preferring one outside 169.254.0.0/16. Throws with the setting's name when there is none.
    /// </summary>
    public static IPAddress Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Orleans__AdvertisedIPAddress '{configured}' is not an IP address.");
        }

        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToArray();
        return candidates.FirstOrDefault(a => !IsLinkLocal(a))
            ?? candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("No IPv4 address to advertise to other silos; set Orleans__AdvertisedIPAddress.");
    }

    private static bool IsLinkLocal(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes[0] == 169 && bytes[1] == 254;
    }
}
