using ParallelAgents.Commands.Test;
using ParallelAgents.Commands.Test.Results;

namespace ParallelAgents.Commands.Tests.Test;

public sealed class ResultParserTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(TestCommandFixture.Fixture("results"), name));

    [Fact]
    public void Go_json_counts_top_level_tests_and_turns_a_build_failure_into_one_errored_test()
    {
        var run = GoTestJsonParser.Parse(Sample("go-test.json"));

        Assert.Equal(1, run.Count(TestOutcome.Passed));
        Assert.Equal(1, run.Count(TestOutcome.Failed));
        Assert.Equal(1, run.Count(TestOutcome.Skipped));
        Assert.Equal(1, run.Count(TestOutcome.Errored));
        var total = run.Cases.Single(c => c.Name == "TestTotal");
        Assert.Equal(("cart_test.go", 27), (total.File, total.Line));
        Assert.Equal("total = 3, want 0", total.Message);
        Assert.Contains("undefined: Missing", run.Cases.Single(c => c.Outcome == TestOutcome.Errored).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Libtest_output_gives_outcomes_and_the_panic_location()
    {
        var run = LibtestParser.Parse(Sample("cargo-test.txt"));

        Assert.Equal((2, 1, 1), (run.Count(TestOutcome.Passed), run.Count(TestOutcome.Failed), run.Count(TestOutcome.Skipped)));
        var failed = run.Cases.Single(c => c.Outcome == TestOutcome.Failed);
        Assert.Equal(("cart::tests::totals", "src/cart.rs", 42), (failed.Name, failed.File, failed.Line));
        Assert.Contains("left == right", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trx_from_dotnet_test_gives_the_same_counts_as_its_summary_and_the_failing_line()
    {
        // Written by `dotnet test --logger trx` on an xunit project (5 tests: 3 passed, 1 failed, 1 skipped).
        var run = TrxParser.Parse(Sample("dotnet-xunit.trx"), "/src/sample");

        Assert.Equal((3, 1, 1, 0), (run.Count(TestOutcome.Passed), run.Count(TestOutcome.Failed), run.Count(TestOutcome.Skipped), run.Count(TestOutcome.Errored)));
        var failed = run.Cases.Single(c => c.Outcome == TestOutcome.Failed);
        Assert.Equal("Sample.Tests.CalculatorTests.Multiplies", failed.Selector);
        Assert.Equal(("SampleTests.cs", 13), (failed.File, failed.Line));
        Assert.Contains("Assert.Equal() Failure", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_or_missing_reports_are_a_problem_not_an_exception()
    {
        Assert.NotNull(JUnitParser.Parse("<testsuites><testcase", "/tmp").Problem);
        Assert.NotNull(JUnitParser.ParseFile("/nonexistent/junit.xml", "/tmp").Problem);
        Assert.NotNull(TrxParser.Parse("not xml", "/tmp").Problem);
        Assert.NotNull(GoTestJsonParser.Parse("build output only\n").Problem);
        Assert.NotNull(LibtestParser.Parse("").Problem);
    }

    [Theory]
    [InlineData("tests/integration/test_db.py", "integration")]
    [InlineData("src/Shop.IntegrationTests/CartTests.cs", "integration")]
    [InlineData("e2e/checkout.spec.js", "e2e")]
    [InlineData("test/perf/load.test.js", "performance")]
    [InlineData("tests/test_security_headers.py", "security")]
    [InlineData("tests/test_unit_conversion.py", "unit")]
    [InlineData("pkg/cart/cart_test.go", "unit")]
    public void Paths_classify_into_suite_types(string path, string type) =>
        Assert.Equal(type, TestTypes.Classify(path, []));

    [Fact]
    public void Markers_and_traits_win_over_the_path() =>
        Assert.Equal("e2e", TestTypes.Classify("tests/integration/test_flow.py", ["slow", "e2e"]));
}
