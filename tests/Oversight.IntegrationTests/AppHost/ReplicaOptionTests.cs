using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Oversight.IntegrationTests.AppHost;

/// <summary>
/// The AppHost's <c>--replicas</c> option: a count for every service, a count for one service that wins over it, and
/// a count or a name it cannot take refused before anything starts, with a message naming what is wrong.
/// </summary>
public sealed class ReplicaOptionTests
{
    private static async Task<Dictionary<string, int>> InstancesAsync(params string[] arguments)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Oversight_AppHost>(arguments,
            (options, _) => options.DisableDashboard = true);
        return builder.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name,
            p => p.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1);
    }

    [Fact]
    public async Task Without_the_option_each_service_runs_once()
    {
        Assert.All(await InstancesAsync(), service => Assert.Equal(1, service.Value));
    }

    [Fact]
    public async Task A_count_for_every_service_and_a_count_for_one_that_wins_over_it()
    {
        var instances = await InstancesAsync("--replicas", "2", "--replicas", "complaints=3");

        Assert.Equal(new Dictionary<string, int>
        {
            ["region-directory"] = 2, ["complaints"] = 3, ["notifications"] = 2, ["reporting"] = 2,
        }, instances);
    }

    [Theory]
    [InlineData("0", "\"0\" for region-directory is not a whole number from 1 to 16")]
    [InlineData("two", "\"two\" for region-directory is not a whole number from 1 to 16")]
    [InlineData("complaints=17", "\"17\" for complaints is not a whole number from 1 to 16")]
    [InlineData("intake=2", "there is no service intake; the services are region-directory, complaints, notifications, reporting")]
    public async Task A_count_or_a_service_it_cannot_take_is_refused_with_what_is_wrong(string value, string message)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => InstancesAsync("--replicas", value));

        var argument = Assert.IsType<ArgumentException>(refused is ArgumentException ? refused : refused.InnerException);
        Assert.Contains(message, argument.Message);
    }
}
