namespace ParallelAgents.Abstractions;

/// <summary>
/// Thrown by an executor when the item could succeed if tried again (a service briefly unavailable). The segment's
/// attempt fails and is retried with backoff; any other exception is recorded as the item's error.
/// </summary>
[GenerateSerializer, Alias("pa.TransientWorkException")]
public sealed class TransientWorkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientWorkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TransientWorkException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
