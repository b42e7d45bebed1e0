namespace Oversight.LoadGen.Target;

/// <summary>
/// A client's bearer token, fetched again before it expires (tokens live 15 minutes; a find-max run lasts longer).
/// </summary>
public sealed class TokenSource(Func<Task<string>> fetch)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _current;

    public async ValueTask<string> TokenAsync()
    {
        if (_current is { } current && current.Until > DateTimeOffset.UtcNow) return current.Token;
        await _gate.WaitAsync();
        try
        {
            if (_current is { } again && again.Until > DateTimeOffset.UtcNow) return again.Token;
            var token = await fetch();
            _current = (token, DateTimeOffset.UtcNow + Reuse);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<Grpc.Core.Metadata> HeadersAsync() => new() { { "Authorization", $"Bearer {await TokenAsync()}" } };
}
