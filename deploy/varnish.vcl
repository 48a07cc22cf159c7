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

# An app server is "alive" while it answers at all: a busy server's sync workers may take
# seconds to get to the probe, and marking it sick then would leave no server to send to.
probe alive {
    .url = "/static/portal/css/portal.css";
    .interval = 1s;
    .timeout = 5s;
    .window = 5;
    .threshold = 1;
}

backend app_a { .host = "127.0.0.1"; .port = "8001"; .probe = alive; .connect_timeout = 1s; }
backend app_b { .host = "127.0.0.1"; .port = "8002"; .probe = alive; .connect_timeout = 1s; }
# The same servers without a probe: a retry's last resort when the probes call both sick
# (both busy), so a post is still sent to a server rather than answered "no backend".
backend app_a_direct { .host = "127.0.0.1"; .port = "8001"; .connect_timeout = 1s; }
backend app_b_direct { .host = "127.0.0.1"; .port = "8002"; .connect_timeout = 1s; }

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
        # Keep the body of a form post (up to the app's own limits) so that a post an app
        # server dropped (killed, restarting) can be sent again to the other one: without
        # it Varnish cannot retry a POST and the parent gets "503 Backend fetch failed"
        # instead of their answers stored. Bigger uploads (with a Content-Length over this)
        # pass through unkept and are not retried.
        std.cache_req_body(12MB);
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

sub vcl_backend_fetch {
    # A retry goes to the app server that did not just fail, not wherever round robin is,
    # and asks it directly, whatever its probe last said.
    if (bereq.retries > 0) {
        if (bereq.http.X-Failed-Backend ~ "^app_a") {
            set bereq.backend = app_b_direct;
        } elsif (bereq.http.X-Failed-Backend ~ "^app_b") {
            set bereq.backend = app_a_direct;
        } elsif (bereq.retries == 2) {
            set bereq.backend = app_b_direct;
        } else {
            set bereq.backend = app_a_direct;
        }
    }
    unset bereq.http.X-Failed-Backend;
}

sub vcl_backend_error {
    # An app server that refused the connection (killed, restarting): try the other. A
    # response form sent twice is stored once (its idempotency key).
    if (bereq.retries < 3) {
        if (beresp.backend) {
            set bereq.http.X-Failed-Backend = beresp.backend.name;
        }
        return (retry);
    }
    # Both app servers are down. Varnish cannot show back what was typed, so the page says
    # in plain words that nothing was sent and that the browser's Back keeps the answers.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    if (bereq.url ~ "^/pl(/|$)") {
        synthetic({"<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Nie wysłano: spróbuj za minutę</title></head><body><main><h1>Nic nie zostało wysłane</h1><p>Serwis jest na chwilę niedostępny. Jeśli wypełniałeś formularz, nie został on wysłany.</p><p>Naciśnij przycisk „Wstecz” w przeglądarce: to, co wpisałeś, nadal tam jest. Wyślij ponownie za minutę.</p></main></body></html>"});
    } elsif (bereq.url ~ "^/ar(/|$)") {
        synthetic({"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>لم يُرسَل شيء: حاول بعد دقيقة</title></head><body><main><h1>لم يُرسَل شيء</h1><p>الخدمة غير متاحة لحظة. إذا كنت تملأ نموذجًا، فلم يُرسَل.</p><p>اضغط زر الرجوع في المتصفح: ما كتبته ما زال هناك. أرسله مرة أخرى بعد دقيقة.</p></main></body></html>"});
    } else {
        synthetic({"<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not sent: try again in a minute</title></head><body><main><h1>Nothing has been sent</h1><p>The service is down for a moment. If you were filling in a form, it has not been sent.</p><p>Press your browser's Back button: what you typed is still there. Send it again in a minute.</p></main></body></html>"});
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Cached-Host;
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
