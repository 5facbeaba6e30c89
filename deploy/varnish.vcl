vcl 4.1;
# The HTTP front cache (standing in for a CDN) in front of nginx (deploy/nginx.conf).
#
# Caches only what Django marks `Cache-Control: public` (home/frontcache.py): anonymous
# GETs of public pages. Anything with a session or messages cookie goes straight to the
# app and never into the cache. Wagtail's frontend cache purges changed pages with
# PURGE (home/signals.py); a path ending in `*` (or a BAN) drops everything under it.

import std;

backend nginx {
    .host = "127.0.0.1";
    .port = "8081";
    .connect_timeout = 2s;
    .first_byte_timeout = 120s;
    .between_bytes_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (!(client.ip ~ purgers)) {
            return (synth(405, "Not allowed"));
        }
        # Bans on the stored objects' host and path (ban lurker friendly): a path
        # drops every query variant of it; `/events/*` or BAN drops the whole prefix.
        if (req.method == "BAN" || req.url ~ "\*$") {
            ban("obj.http.x-host == " + req.http.host +
                " && obj.http.x-url ~ ^" + regsub(regsub(req.url, "\*$", ""), "\?.*$", ""));
        } else {
            ban("obj.http.x-host == " + req.http.host +
                " && obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed in (a session) or a message to show: this visitor's own page, never
    # served from the cache nor put into it.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }
    # Forms, accounts, the admin, personal and live answers: the app decides, with
    # the visitor's cookies (CSRF) untouched.
    if (req.url ~ "^/(hi/)?(admin|accounts|dashboard|registrations|stripe|search|_util|documents)(/|$)"
        || req.url ~ "/(register|apply)/" || req.url ~ "\.json(\?|$)"
        || req.url ~ "^/(healthz|readyz)") {
        return (pass);
    }
    # Everything else is anonymous: other cookies (analytics etc.) and the
    # browser's languages change nothing (the language is in the path), so they
    # are dropped and everyone shares one copy.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_hit {
    set req.http.x-cache = "HIT";
}

sub vcl_miss {
    set req.http.x-cache = "MISS";
}

sub vcl_pass {
    set req.http.x-cache = "PASS";
}

sub vcl_backend_response {
    # For bans: the host and path the object answers.
    set beresp.http.x-host = bereq.http.host;
    set beresp.http.x-url = bereq.url;
    # Opt in: only what the app calls public, without a cookie, is kept.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.status != 200) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # s-maxage from the app sets the TTL; a short grace answers at once while a
    # fresh copy is fetched after it expires (a purge removes it outright).
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    unset resp.http.Via;
    if (req.http.x-cache == "HIT" && obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } elsif (req.http.x-cache) {
        set resp.http.X-Cache = req.http.x-cache;
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
