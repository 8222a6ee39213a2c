namespace ParallelAgents.Api.Security;

/// <summary>Endpoint metadata: the body is an uploaded archive, limited by <c>Workspaces:MaxArchiveBytes</c> instead of <c>Limits:MaxRequestBodyBytes</c>.</summary>
public sealed class UploadBodyLimit
{
    /// <summary>The one instance.</summary>
    public static UploadBodyLimit Instance { get; } = new();

    /// <summary>Room for multipart boundaries and part headers around the archive.</summary>
    public const long MultipartOverhead = 64 * 1024;
}
