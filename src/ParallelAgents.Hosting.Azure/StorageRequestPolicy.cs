using Azure.Core;
using Azure.Core.Pipeline;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Hosting.Azure;

/// <summary>
/// Counts every request a storage client sends, per attempt (it sits in the retry loop), by service and operation.
/// On the clients the durable mode builds, so Orleans' own providers (clustering, reminders, grain storage, streams)
/// are counted with the service's own calls.
/// </summary>
public sealed class StorageRequestPolicy(string service, StorageRequestCounter counter) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        counter.Record(service, StorageOperations.Name(service, message.Request.Method.Method, uri.Path, uri.Query));
    }
}
