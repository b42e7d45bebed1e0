namespace Oversight.AppHost;

/// <summary>
/// The links on a resource's row in the dashboard: the pages a user opens (a service's own pages, RabbitMQ's management
/// UI), each with a name, instead of bare endpoint addresses.
/// </summary>
internal static class DashboardLinks
{
    /// <summary>A page of the resource at <paramref name="path"/> on one of its endpoints (default its <c>http</c> endpoint).</summary>
    public static IResourceBuilder<T> WithPage<T>(this IResourceBuilder<T> resource, string path, string displayName, string endpointName = "http")
        where T : IResourceWithEndpoints =>
        resource.WithUrlForEndpoint(endpointName, endpoint => new ResourceUrlAnnotation { Url = PageUrl(endpoint.Url, path), DisplayText = displayName });

    /// <summary>Names the link of an endpoint that is itself a page (RabbitMQ's management UI).</summary>
    public static IResourceBuilder<T> WithEndpointLink<T>(this IResourceBuilder<T> resource, string endpointName, string displayName)
        where T : IResourceWithEndpoints =>
        resource.WithUrlForEndpoint(endpointName, url => url.DisplayText = displayName);

    /// <summary>
    /// Every service's two endpoints: <c>http</c> links its <c>/health</c> report (the root has no page), <c>grpc</c>
    /// (HTTP/2 only, of no use to a browser) is listed in the details only. <see cref="ServiceConventions"/> applies it.
    /// </summary>
    internal static void NameServiceEndpoints(ResourceUrlsCallbackContext context)
    {
        foreach (var url in context.Urls)
        {
            switch (url.Endpoint?.EndpointName)
            {
                case "http" when url.DisplayText is null:
                    url.Url = PageUrl(url.Url, "/health");
                    url.DisplayText = "Health report (/health)";
                    break;
                case "grpc":
                    url.DisplayText = "gRPC (HTTP/2, for grpcurl)";
                    url.DisplayLocation = UrlDisplayLocation.DetailsOnly;
                    break;
            }
        }
    }

    /// <summary>A path on an endpoint's address, with exactly one slash between them.</summary>
    internal static string PageUrl(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
