using Npgsql;

namespace Oversight.Bench;

/// <summary>
/// What the notifications service stored over the whole run, by channel and status: each event also becomes e-mails
/// (to the handling offices, and to a reporter who agreed), which the service sends beside the measured webhooks.
/// </summary>
public static class NotificationsDeliveryCounts
{
    public static async Task<string> DescribeAsync(string notificationsConnectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(notificationsConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT channel, status, count(*) FROM deliveries GROUP BY channel, status ORDER BY channel, status");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync()) parts.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)}");
        return string.Join(", ", parts);
    }
}
