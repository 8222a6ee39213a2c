using Microsoft.Extensions.Options;

namespace ParallelAgents.Engine.Workspaces;

/// <summary>Checks <see cref="WorkspaceOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class WorkspaceOptionsValidator : IValidateOptions<WorkspaceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkspaceOptions options)
    {
        const string Section = WorkspaceOptions.Section;
        var errors = new List<string>();
        for (var i = 0; i < options.AllowedRoots.Count; i++)
        {
            var root = options.AllowedRoots[i];
            if (string.IsNullOrWhiteSpace(root))
            {
                continue;
            }

            // A root that does not exist would turn every job naming it into a 400 long after start-up.
            if (!Directory.Exists(Path.GetFullPath(root)))
            {
                errors.Add($"{Section}:AllowedRoots:{i} names '{root}', which is not an existing directory.");
            }
        }

        if (options.MaxArchiveBytes < 1)
        {
            errors.Add($"{Section}:MaxArchiveBytes must be positive (is {options.MaxArchiveBytes}).");
        }

        if (options.MaxExtractedBytes < 1)
        {
            errors.Add($"{Section}:MaxExtractedBytes must be positive (is {options.MaxExtractedBytes}).");
        }

        if (options.MaxFiles < 1)
        {
            errors.Add($"{Section}:MaxFiles must be positive (is {options.MaxFiles}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
