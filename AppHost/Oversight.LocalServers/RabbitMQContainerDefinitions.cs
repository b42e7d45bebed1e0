using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Publish mode: the node's definitions (<see cref="RabbitMQDefinitions.Build"/>: users, exchanges, queues, bindings,
/// shovels) for the official image, written by the container itself at each start. The passwords are the deployment's
/// (secret parameters), unknown here, so they cannot be hashed as in run mode: the definitions carry each one in the
/// <c>password</c> field, which RabbitMQ hashes on import, filled in from the container's environment by the start
/// script; the manifest holds only the parameters' names. The script then turns the node's plugins on and hands over
/// to the image's own entrypoint.
/// </summary>
internal static partial class RabbitMQContainerDefinitions
{
    /// <summary>An environment variable of the container and the manifest expression of its value.</summary>
    public sealed record Variable(string Name, ReferenceExpression Value);

    /// <summary>Where the image keeps its configuration; a test points the script elsewhere with <c>RABBITMQ_ETC</c>.</summary>
    private const string Configuration = "/etc/rabbitmq";

    /// <summary>
    /// The container's <c>sh -c</c> argument and the variables it reads. The script travels base64-encoded: the
    /// definitions are JSON, and braces in a manifest string read as manifest expressions to a deployment tool.
    /// </summary>
    public static (string Argument, IReadOnlyList<Variable> Variables) StartScript(RabbitMQServerResource rabbit)
    {
        var variables = new List<Variable>();
        string Slot(string name, ReferenceExpression value)
        {
            variables.Add(new Variable(name, value));
            return $"@@variable:{variables.Count - 1}@@";
        }
        var definitions = RabbitMQDefinitions.Build(rabbit,
            (name, password, tags) => new { name, password = Slot(PasswordVariable(name), ReferenceExpression.Create($"{password}")), tags },
            shovel => Slot($"RABBITMQ_SHOVEL_{EnvironmentName(shovel.Name)}_URI", ReferenceExpression.Create(
                $"amqp://{shovel.User.Name}:{shovel.User.Password}@{shovel.Destination.PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}")));
        variables.Add(new Variable("RABBITMQ_PLUGINS", ReferenceExpression.Create($"{string.Join(",", rabbit.Plugins)}")));

        var script = new StringBuilder($$"""
            set -e
            etc="${RABBITMQ_ETC:-{{Configuration}}}"
            # A value inside a JSON string: backslashes and quotes escaped.
            json() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
            mkdir -p "$etc/conf.d"
            {

            """);
        var json = JsonSerializer.Serialize(definitions);
        var at = 0;
        foreach (Match slot in Slots().Matches(json))
        {
            script.Append(Literal(json[at..slot.Index])).Append($"json \"${variables[int.Parse(slot.Groups[1].Value)].Name}\"\n");
            at = slot.Index + slot.Length;
        }
        script.Append(Literal(json[at..])).Append("""
            } > "$etc/definitions.json"
            chown rabbitmq:rabbitmq "$etc/definitions.json" 2>/dev/null || true
            chmod 600 "$etc/definitions.json"
            echo "load_definitions = $etc/definitions.json" > "$etc/conf.d/90-oversight-definitions.conf"
            echo "[$RABBITMQ_PLUGINS]." > "$etc/enabled_plugins"
            exec docker-entrypoint.sh rabbitmq-server

            """);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(script.ToString()));
        return ($"eval \"$(echo {encoded} | base64 -d)\"", variables.DistinctBy(v => v.Name).ToList());
    }

    /// <summary>The services' user keeps the image's own variable; another user's is named after it.</summary>
    private static string PasswordVariable(string user) =>
        user == RabbitMQServerResource.UserName ? "RABBITMQ_DEFAULT_PASS" : $"RABBITMQ_PASSWORD_{EnvironmentName(user)}";

    private static string EnvironmentName(string name) => NotAlphanumeric().Replace(name, "_").ToUpperInvariant();

    /// <summary>A line printing <paramref name="text"/> as it is (single-quoted for sh).</summary>
    private static string Literal(string text) => $"printf '%s' '{text.Replace("'", "'\\''")}'\n";

    [GeneratedRegex("@@variable:([0-9]+)@@")]
    private static partial Regex Slots();

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotAlphanumeric();
}
