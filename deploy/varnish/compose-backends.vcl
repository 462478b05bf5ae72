# docker-compose.yml mounts this as /etc/varnish/edge-backends.vcl (see default.vcl).
# Varnish resolves a backend name once, at VCL load: it talks to the nginx balancer (`lb`), which
# re-resolves the scaled `api` replicas itself.
backend origin {
    .host = "lb";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# The clinic websites (service `web`, its front server on 3000). A purge of a page reaches every web
# replica through the gateway's WEB_PURGE_URLS and the replicas' Redis relay.
backend web {
    .host = "web";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# Purges come from the gateway replicas over the `purge` network (fixed subnet in docker-compose.yml);
# its gateway address is the Docker host, not a replica.
acl purgers {
    "10.89.0.0"/24;
    ! "10.89.0.1";
}
