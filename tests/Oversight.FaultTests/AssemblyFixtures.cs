using Oversight.Testing;

// The fault run's own PostgreSQL, Redis and RabbitMQ (this test process is the only one using them), since the
// suite kills them; each fault case then starts a fresh system (databases, virtual host, key prefix) inside them.
[assembly: AssemblyFixture(typeof(TestServers))]
