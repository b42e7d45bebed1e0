using System.Threading.Channels;
using Dapper;
using Npgsql;
using Oversight.Notifications.Model.Deliveries;

namespace Oversight.Notifications.Infrastructure.Inbox;

public sealed class InboxItemRow
{
    public long Id { get; init; }
    public string OfficeId { get; init; } = "";
    public Guid EventId { get; init; }
    public string EventType { get; init; } = "";
    public Guid? ComplaintId { get; init; }
    public string RegionCode { get; init; } = "";
    public string Title { get; init; } = "";
    public string Link { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; init; }
}

/// <summary>An office's inbox item before it is stored.</summary>
public sealed record InboxPlan(string OfficeId, string Title, string Link);

/// <summary>The inbox in PostgreSQL: one item per (office, event), so a redelivered event adds nothing.</summary>
public sealed class InboxStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, office_id AS OfficeId, event_id AS EventId, event_type AS EventType, complaint_id AS ComplaintId,
        region_code AS RegionCode, title, link, created_at AS CreatedAt, read_at AS ReadAt
        """;

    /// <summary>Stores the items in one statement; returns only those that are new.</summary>
    public async Task<IReadOnlyList<InboxItemRow>> AddAsync(EventFacts facts, IReadOnlyList<InboxPlan> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var added = await connection.QueryAsync<InboxItemRow>(new CommandDefinition($"""
            INSERT INTO inbox_items (office_id, event_id, event_type, complaint_id, region_code, title, link)
            SELECT i.office_id, @EventId, @EventType, @ComplaintId, @RegionCode, i.title, i.link
            FROM unnest(@officeIds, @titles, @links) AS i (office_id, title, link)
            ON CONFLICT (office_id, event_id) DO NOTHING
            RETURNING {Columns}
            """, new
        {
            facts.EventId, facts.EventType, facts.ComplaintId, facts.RegionCode,
            officeIds = items.Select(i => i.OfficeId).ToArray(),
            titles = items.Select(i => i.Title).ToArray(),
            links = items.Select(i => i.Link).ToArray(),
        }, cancellationToken: cancellationToken));
        return added.AsList();
    }

    public async Task<IReadOnlyList<InboxItemRow>> ListAsync(string officeId, bool unreadOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxItemRow>(new CommandDefinition($"""
            SELECT {Columns} FROM inbox_items
            WHERE office_id = @officeId AND (NOT @unreadOnly OR read_at IS NULL)
            ORDER BY id DESC LIMIT @limit
            """, new { officeId, unreadOnly, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The office's items among <paramref name="ids"/> (the others are ignored, as by <see cref="MarkReadAsync"/>).</summary>
    public async Task<IReadOnlyList<InboxItemRow>> FindAsync(string officeId, long[] ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxItemRow>(new CommandDefinition($"""
            SELECT {Columns} FROM inbox_items WHERE office_id = @officeId AND id = ANY(@ids)
            """, new { officeId, ids }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<int> MarkReadAsync(string officeId, long[] ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE inbox_items SET read_at = now() WHERE office_id = @officeId AND id = ANY(@ids) AND read_at IS NULL
            """, new { officeId, ids }, cancellationToken: cancellationToken));
    }
}

/// <summary>
/// Pushes new inbox items to the open WatchInbox streams of this instance. In memory: with several replicas a
/// watcher sees only the items its replica planned (LISTEN/NOTIFY would fix that); ListInbox always sees all.
/// </summary>
public sealed class InboxFeed
{
    private readonly Lock _gate = new();
    private readonly List<(string OfficeId, ChannelWriter<InboxItemRow> Writer)> _watchers = [];

    public void Publish(IEnumerable<InboxItemRow> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                foreach (var (officeId, writer) in _watchers)
                {
                    if (officeId == item.OfficeId) writer.TryWrite(item);
                }
            }
        }
    }

    /// <summary>New items of the office until <paramref name="cancellationToken"/> ends the watch.</summary>
    public async IAsyncEnumerable<InboxItemRow> WatchAsync(string officeId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Bounded: a watcher that stops reading loses its oldest pushes, never the service's memory (ListInbox has them all).
        var channel = Channel.CreateBounded<InboxItemRow>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var entry = (officeId, channel.Writer);
        lock (_gate) _watchers.Add(entry);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            lock (_gate) _watchers.Remove(entry);
        }
    }
}
