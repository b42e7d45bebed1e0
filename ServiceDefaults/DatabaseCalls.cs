using Grpc.Core;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>How a gRPC method calls its PostgreSQL database: the same answer in every service when it is down.</summary>
public static class DatabaseCalls
{
    /// <summary>
    /// Runs <paramref name="call"/>; PostgreSQL being unreachable becomes <c>Unavailable</c> naming
    /// <paramref name="database"/> and one warning line, never a stack trace to the caller. The log names the
    /// exception's type and SQL state only: a server error's message can quote the values of a row.
    /// </summary>
    public static async Task<T> CallDatabaseAsync<T>(this ILogger logger, string database, string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PostgresException ex) when (IsRefusedValue(ex.SqlState))
        {
            // The database is up and refused a value of the request (a NUL character, a number out of range, text too
            // long for an index). The caller's mistake, so InvalidArgument; the value is not quoted.
            logger.LogWarning("{What} refused by {Database}: a value is not storable (SQL state {State})", what, database, ex.SqlState);
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                "A value of the request cannot be stored: text must not contain NUL characters and numbers must be in range."));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            var state = ex is PostgresException postgres ? $" (SQL state {postgres.SqlState})" : "";
            logger.LogWarning("{What} failed, {Database} unavailable: {Reason}{State}", what, database, ex.GetType().Name, state);
            throw new RpcException(new Status(StatusCode.Unavailable, $"The {database} is unavailable."));
        }
    }

    /// <summary>Class 22 (data exception), 54 (program limit exceeded, e.g. an index row too large) and a failed CHECK.</summary>
    private static bool IsRefusedValue(string sqlState) =>
        sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState.StartsWith("54", StringComparison.Ordinal) || sqlState == "23514";
}
