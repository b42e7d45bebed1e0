namespace Oversight.Complaints.Infrastructure.Deadlines;

public static class DeadlineExtensions
{
    /// <summary>The scheduler that announces approaching and missed deadlines.</summary>
    public static IHostApplicationBuilder AddComplaintDeadlines(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DeadlineOptions>(builder.Configuration.GetSection(DeadlineOptions.Section));
        builder.Services.AddHostedService<DeadlineScheduler>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
