vcl 4.1;
# The front-end cache and load balancer in front of the portal's app servers (make cluster).
#
# What it keeps: only what the app's own page cache would keep, which the app marks with an
# X-Page-Cache header (core/cache.py: anonymous GETs of pages that opt in, status 200, no
# cookie set). Anyone sending a cookie (signed in, or holding a form's token) goes straight
# to an app server. Publishing, unpublishing, moving a page, a privacy change, a glossary or
# settings change and a consultation opening or closing all drop every kept page at once, as
# the app's page cache does: Wagtail's frontend_cache sends PURGE, and any PURGE from this
# machine bans everything kept (glossary terms and settings are on every page,
# so a narrower purge would serve stale explanations).

import directors;
import std;

probe alive {
    .url = "/static/portal/css/portal.css";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend app_a { .host = "127.0.0.1"; .port = "8001"; .probe = alive; .connect_timeout = 1s; }
backend app_b { .host = "127.0.0.1"; .port = "8002"; .probe = alive; .connect_timeout = 1s; }

# make cluster-bench serves a saved copy of a page from here, to compare the front end
# serving a cached page with the same front end serving the same bytes as a static file.
backend bench_static { .host = "127.0.0.1"; .port = "8009"; }

acl purgers { "127.0.0.1"; "::1"; }

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app_a);
    apps.add_backend(app_b);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
    if (req.url ~ "^/_bench/static/") {
        set req.backend_hint = bench_static;
        return (hash);
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every kept page, whatever host name the purge names (Wagtail names the Site's,
        # readers may use another).
        ban("obj.http.X-Cached-Host ~ .");
        return (synth(200, "Banned"));
    }
    # The app servers see the visitor's address (django-ipware trusts this proxy).
    if (req.restarts == 0) {
        set req.http.X-Forwarded-For = client.ip;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie) {
        return (pass);
    }
    if (req.url ~ "^/(admin|forum|board|sign-in|account|django-admin)(/|$)") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/_bench/static/") {
        set beresp.ttl = 1h;
        set beresp.http.X-Cached-Host = bereq.http.host;
        return (deliver);
    }
    if (beresp.http.X-Page-Cache && beresp.status == 200 && !beresp.http.Set-Cookie) {
        set beresp.ttl = 1h;
        set beresp.grace = 0s;  # never serve a page the record has moved past
        set beresp.http.X-Cached-Host = bereq.http.host;
        return (deliver);
    }
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_backend_error {
    # An app server that refused the connection (killed, restarting): try the other. A
    # response form sent twice is stored once (its idempotency key).
    if (bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.X-Cached-Host;
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
