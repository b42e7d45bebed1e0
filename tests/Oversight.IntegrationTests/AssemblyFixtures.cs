using Oversight.Testing;

// One set of real servers for the whole run; every test isolates itself inside them.
[assembly: AssemblyFixture(typeof(TestServers))]
