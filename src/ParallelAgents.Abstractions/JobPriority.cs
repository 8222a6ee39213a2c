namespace ParallelAgents.Abstractions;

/// <summary>
/// How urgently a job wants the cluster. When every silo is at its budget, a waiting job with a higher priority starts
/// first; waiting raises a job's effective priority (ageing), so none waits forever. <see cref="Normal"/> is the default
/// and the value a job stored before priorities existed reads as.
/// </summary>
public enum JobPriority
{
    Normal,
    Low,
    High,
    Critical,
}
