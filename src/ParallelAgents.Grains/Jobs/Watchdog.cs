using Orleans.Runtime;

namespace ParallelAgents.Grains.Jobs;

/// <summary>The coordinator's watchdog reminder, unregistered once its job has ended.</summary>
public static class Watchdog
{
    /// <summary>
    /// Unregisters the reminder. The handle from the registration saves reading the reminder back; an activation that
    /// did not register it (<paramref name="registered"/> null), or whose handle went stale, reads it.
    /// </summary>
    public static async Task UnregisterAsync(IGrainBase grain, string name, IGrainReminder? registered)
    {
        if (registered is not null)
        {
            try
            {
                await grain.UnregisterReminder(registered);
                return;
            }
            catch (ReminderException)
            {
            }
        }

        var reminder = await grain.GetReminder(name);
        if (reminder is not null)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
