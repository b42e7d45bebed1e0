using Dapper;
using Npgsql;

namespace Oversight.Notifications.Infrastructure.Webhooks;

public sealed class SubscriptionRecord
{
    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string[] EventTypes { get; init; } = [];
    public string RegionCode { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }

    /// <summary>Whether an event of this type about this region is for this subscription.</summary>
    public bool Wants(string eventType, string regionCode) =>
        (EventTypes.Length == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal))
        && Oversight.Security.Authentication.RegionScope.Covers(RegionCode, regionCode);
}

/// <summary>Webhook subscriptions in PostgreSQL; deleting one keeps the row (its deliveries refer to it) and cancels what is pending.</summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, url, event_types AS EventTypes, region_code AS RegionCode, created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task<SubscriptionRecord> AddAsync(string url, string[] eventTypes, string regionCode, string secret, string createdBy,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<SubscriptionRecord>(new CommandDefinition($"""
            INSERT INTO webhook_subscriptions (id, url, event_types, region_code, secret, created_by)
            VALUES (@id, @url, @eventTypes, @regionCode, @secret, @createdBy)
            RETURNING {Columns}
            """, new { id = Guid.CreateVersion7(), url, eventTypes, regionCode, secret, createdBy }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SubscriptionRecord>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY created_at", cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<SubscriptionRecord?> FindActiveAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SubscriptionRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_subscriptions WHERE id = @id AND deleted_at IS NULL", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Marks it deleted and cancels its pending deliveries; returns how many were cancelled.</summary>
    public async Task<int> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = @id AND deleted_at IS NULL", new { id }, transaction,
            cancellationToken: cancellationToken));
        var cancelled = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET status = 'cancelled' WHERE subscription_id = @id AND status IN ('pending', 'dead')", new { id }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return cancelled;
    }
}
