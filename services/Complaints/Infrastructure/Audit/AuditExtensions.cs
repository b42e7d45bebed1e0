namespace Oversight.Complaints.Infrastructure.Audit;

public static class AuditExtensions
{
    /// <summary>The audit trail (its table comes from Migrations/0002_audit.sql, applied at start-up).</summary>
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        return builder;
    }
}
