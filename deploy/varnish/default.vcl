# Varnish 7.1 + vmod xkey (Debian: varnish, varnish-modules) in front of the clinic gateway.
#
# Two doors, one cache. On the listen socket named `web` (`-a web=:8081`), the clinic websites: pages keyed
# by host and path only (the query string is dropped: pages ignore it, so `?utm_…` and made-up queries
# share the page), never a preview; the visitor's address goes on in X-Forwarded-For (Varnish appends
# client.ip), so the website and the gateway behind it budget visitors, not Varnish.
# On every other socket, the gateway: the public, site-addressed URLs by URL (+ a normalised Accept-Encoding variant):
#   GET /sites/<site>/graphql?…   GET /sites/<site>/sitemap.xml   GET /sites/<site>/robots.txt
# The site is in the URL and the gateway checks the key against it on a miss, so `x-site-key` is not
# part of the key: published content is public. Everything else (plain /graphql, preview, webhooks,
# metrics, POSTs) passes through uncached.
#
# TTLs come from the gateway: `s-maxage` (fresh), `stale-while-revalidate` / `stale-if-error`
# (grace: served stale while a background fetch refreshes it, and while the gateway is down). An answer
# or page the origin itself serves STALE comes with `s-maxage=0`: stored with TTL 0 (never fresh), so the
# next request refetches in the background and takes the rebuilt one as soon as the origin has it.
# Objects (answers and pages) are tagged with xkey from `Surrogate-Key`: a page carries the facts of the
# gateway answers it was built from, so one purge takes both. The gateway purges them with
#   PURGE /  + `xkey-purge: <tags>` | `xkey-softpurge: <tags>` | `x-purge-all: 1`
# accepted only from the `purgers` ACL.
#
# Backends and the ACL live in `edge-backends.vcl`, found on vcl_path: deploy/varnish/compose-backends.vcl
# is mounted under that name in docker-compose.yml; tests/support/varnish-process.ts renders one for `npm run start:edge`
# and the tests. Run varnishd with `-p http_gzip_support=off`: the gateway compresses (br, gzip) itself.
vcl 4.1;

import std;
import xkey;

include "edge-backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (req.http.x-purge-all) {
            std.ban("obj.status != 0");
            return (synth(200, "Banned every object"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.x-purged + " objects"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged + " objects"));
        }
        return (synth(400, "PURGE needs an xkey-purge, xkey-softpurge or x-purge-all header"));
    }
    # Never trust these from outside.
    unset req.http.x-edge-cache;
    unset req.http.x-purged;
    # Each delivery has its own request id, a HIT included (stored objects carry none, see
    # vcl_backend_response): the client's own when it sent one of the shape the gateway accepts, else
    # this node's transaction id. A miss or pass hands the same id to the gateway, which logs and echoes it.
    if (req.http.x-request-id !~ "^[A-Za-z0-9_.:-]{1,128}$") {
        set req.http.x-request-id = "edge-" + server.identity + "-" + req.xid;
    }

    if (local.socket == "web") {
        set req.backend_hint = web;
        if (req.method != "GET" && req.method != "HEAD") {
            return (pass);
        }
        # Drafts (the token is in the URL) and anything with credentials stay private.
        if (req.url ~ "^/preview(/|\?|$)" || req.http.Authorization || req.http.x-preview-token) {
            return (pass);
        }
        # Pages read no cookies.
        unset req.http.Cookie;
        if (req.url !~ "^/_next/") {
            set req.url = regsub(req.url, "\?.*$", "");
        }
        call normalise_encoding;
        return (hash);
    }
    set req.backend_hint = origin;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url !~ "^/sites/[a-z0-9][a-z0-9-]*/(graphql|sitemap\.xml|robots\.txt)(\?|$)") {
        return (pass);
    }
    # Drafts and anything carrying credentials other than a site key stay private. A site's own server
    # (x-site-server-key) renders for a visitor it may name (x-visitor-ip): the gateway must see each of
    # those requests to check the key and charge that visitor, so none is answered from or stored here.
    if (req.http.x-preview-token || req.http.Authorization || req.http.x-site-server-key) {
        return (pass);
    }
    # The gateway reads no cookies; a browser's cookies for the API host must not split the cache.
    unset req.http.Cookie;
    # `?query=…&variables=…` and `?variables=…&query=…` are one page.
    set req.url = std.querysort(req.url);

    call normalise_encoding;
    return (hash);
}

sub normalise_encoding {
    # Three variants at most: br, gzip, identity (the origin's own choice order; q=0 refuses).
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|$|;\s*q=(1|0?\.0*[1-9]))") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*gzip\s*(,|$|;\s*q=(1|0?\.0*[1-9]))") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
}

sub vcl_hash {
    # A page is named by its host (without port) and path; a gateway URL names its site itself, so host and
    # site key do not enter its key (Vary still adds Accept-Encoding and Origin).
    if (local.socket == "web") {
        hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
    }
    hash_data(req.url);
    return (lookup);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.x-edge-cache = "STALE";
    }
}

sub vcl_backend_response {
    # The id of the request that caused this fetch: never stored, never repeated to the next visitor.
    unset beresp.http.x-request-id;
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A refresh that failed keeps the stale object (stale-if-error) instead of replacing it.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" || beresp.http.Cache-Control !~ "(?i)s-maxage|max-age" || beresp.http.Vary == "*") {
        # Remember "do not cache" for a short while, so that requests for this URL do not queue on each other.
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # Every client gets the same answer for a URL: the key is checked by the origin, not part of the variant.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsub(regsuball(beresp.http.Vary, "(?i)(^|,)\s*x-site-key\s*(?=,|$)", ""), "^\s*,\s*", "");
    }
    # Grace: the longer of stale-while-revalidate and stale-if-error (Varnish reads s-maxage itself).
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-while-revalidate=(\d+).*$", "\1s"), beresp.grace);
    }
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=\d+") {
        if (std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1s"), 0s) > beresp.grace) {
            set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1s"), 0s);
        }
    }
    # Tags for xkey purges.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_backend_error {
    # A failed refresh keeps serving the stale object.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # Nothing to serve (a cold URL while the gateway is down): a clean, uncacheable GraphQL-shaped error.
    set beresp.http.Content-Type = "application/json; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "5";
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    # (A space before each closing brace: `"}` would end the VCL long string.)
    synthetic({"{"errors":[{"message":"The content service is unavailable; try again shortly","extensions":{"code":"UPSTREAM_UNAVAILABLE" } }]}"});
    return (deliver);
}

sub vcl_synth {
    set resp.http.Content-Type = "application/json; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    if (resp.status == 403) {
        synthetic({"{"errors":[{"message":""} + resp.reason + {"","extensions":{"code":"FORBIDDEN" } }]}"});
    } elsif (resp.status >= 400) {
        synthetic({"{"errors":[{"message":""} + resp.reason + {"","extensions":{"code":"BAD_REQUEST" } }]}"});
    } else {
        synthetic({"{"result":""} + resp.reason + {"" }"});
    }
    return (deliver);
}

sub vcl_deliver {
    if (!req.http.x-edge-cache) {
        if (obj.uncacheable) {
            set req.http.x-edge-cache = "PASS";
        } elsif (obj.hits > 0) {
            set req.http.x-edge-cache = "HIT";
        } else {
            set req.http.x-edge-cache = "MISS";
        }
    }
    set resp.http.x-edge-cache = req.http.x-edge-cache;
    set resp.http.x-request-id = req.http.x-request-id;
    # Purge tags are for the cache, not for visitors (Fastly and Cloudflare strip them too).
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
