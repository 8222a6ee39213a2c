using System.Reflection;
using ParallelAgents.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/ParallelAgents.Benchmarks -- <scenario|all> [args]
var scenarios = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkScenario).IsAssignableFrom(t))
    .Select(t => (IBenchmarkScenario)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToArray();
if (args.Length == 0 || scenarios.All(s => s.Name != args[0] && args[0] != "all"))
{
    Console.Error.WriteLine("usage: ParallelAgents.Benchmarks <scenario|all> [args]");
    foreach (var s in scenarios)
    {
        Console.Error.WriteLine($"  {s.Name,-12} {s.Description}");
    }

    return 2;
}

foreach (var scenario in scenarios.Where(s => args[0] == "all" || s.Name == args[0]))
{
    Console.WriteLine($"## {scenario.Name}: {scenario.Description}");
    Console.WriteLine();
    await scenario.RunAsync(args[1..], CancellationToken.None);
    Console.WriteLine();
}

return 0;
