"""A browser's page-cache hit (Accept-Encoding: gzip): compressed once a
process by GZipMiddleware, then replayed as it gave it (home.caching).

GZipMiddleware sits above the page cache, so before this every browser's hit
was compressed again, about as long as the rest of the hit took.
"""

import gzip

import pytest
from django.middleware import gzip as gzip_middleware
from django.test import Client

from home.caching import Bodies, Gzipped, forget_local
from tests.home.rules_site import add_page, make_home

pytestmark = pytest.mark.django_db

STATE = "X-Page-Cache"
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
REPLAYED = (
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Content-Language",
    "Cache-Control",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def page(db):
    home = make_home()
    return add_page(home, "about", "About us")


@pytest.fixture
def compressions(monkeypatch):
    """Every body GZipMiddleware compresses, in order."""
    made = []
    real = gzip_middleware.compress_string

    def counted(content, **kwargs):
        made.append(content)
        return real(content, **kwargs)

    monkeypatch.setattr(gzip_middleware, "compress_string", counted)
    return made


def kept(client, url):
    """`url` rendered and kept, asked for without gzip; returns the miss (the
    first view may create site settings, which starts a new generation)."""
    for _ in range(3):
        miss = client.get(url)
        if miss[STATE] == "miss" and client.get(url)[STATE] == "hit":
            return miss
    pytest.fail(f"{url} never came from the cache")


def vary(response) -> set[str]:
    return {name.strip() for name in response["Vary"].split(",")}


def test_a_browsers_hit_is_the_page_gzipped_with_the_pages_headers(client, page):
    miss = kept(client, "/about/")
    plain = client.get("/about/")
    hit = client.get("/about/", **GZIP)
    assert (plain[STATE], hit[STATE]) == ("hit", "hit")
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == miss.content
    assert int(hit["Content-Length"]) == len(hit.content) < len(miss.content)
    assert vary(hit) == vary(plain)
    assert "Accept-Encoding" in vary(hit)
    for name in REPLAYED:
        assert hit[name] == plain[name], name


def test_a_page_is_compressed_once_a_process(client, page, compressions):
    """Three browsers' hits, one compression: all three get the same bytes."""
    miss = kept(client, "/about/")
    hits = [client.get("/about/", **GZIP) for _ in range(3)]
    assert [hit[STATE] for hit in hits] == ["hit"] * 3
    assert compressions == [miss.content]
    assert hits[1].content == hits[0].content
    assert hits[2].content == hits[0].content
    assert gzip.decompress(hits[2].content) == miss.content


def test_a_hit_without_gzip_is_the_plain_page(client, page):
    """Even after a browser's hit of the same page."""
    miss = kept(client, "/about/")
    assert client.get("/about/", **GZIP)["Content-Encoding"] == "gzip"
    plain = client.get("/about/", HTTP_ACCEPT_ENCODING="identity")
    assert plain[STATE] == "hit"
    assert not plain.has_header("Content-Encoding")
    assert plain.content == miss.content
    assert "Accept-Encoding" in vary(plain)


def test_a_visitor_with_a_session_gets_the_gzipped_page_as_private(client, page, user):
    """And the gzipped copy keeps the anonymous headers for the next visitor."""
    miss = kept(client, "/about/")
    anonymous = client.get("/about/", **GZIP)
    assert "public" in anonymous["Cache-Control"]
    assert "s-maxage" in anonymous["Cache-Control"]
    signed_in = Client()
    signed_in.force_login(user)
    theirs = signed_in.get("/about/", **GZIP)
    assert (theirs[STATE], theirs["Content-Encoding"]) == ("hit", "gzip")
    assert gzip.decompress(theirs.content) == miss.content
    control = [word.strip() for word in theirs["Cache-Control"].split(",")]
    assert "private" in control
    assert "public" not in control
    assert not any(word.startswith("s-maxage") for word in control)
    after = client.get("/about/", **GZIP)
    assert after["Cache-Control"] == anonymous["Cache-Control"]
    assert after.content == anonymous.content


def test_forgetting_this_processs_copies_drops_the_gzipped_ones(
    client, page, compressions
):
    """As a restart would: the next browser's hit compresses the page again."""
    miss = kept(client, "/about/")
    first = client.get("/about/", **GZIP)
    forget_local()
    again = client.get("/about/", **GZIP)
    assert (first[STATE], again[STATE]) == ("hit", "hit")
    assert compressions == [miss.content, miss.content]
    assert gzip.decompress(again.content) == miss.content
    assert client.get("/about/", **GZIP).content == again.content
    assert len(compressions) == 2


def test_a_page_gzip_does_not_shrink_goes_out_plain_as_before(
    client, page, monkeypatch
):
    """GZipMiddleware sends the plain page when gzip would not be smaller: a
    browser's hit is then the plain page with the plain hit's headers."""
    monkeypatch.setattr(
        gzip_middleware, "compress_string", lambda content, **kwargs: content + b"!"
    )
    miss = kept(client, "/about/")
    plain = client.get("/about/")
    for _ in range(2):
        hit = client.get("/about/", **GZIP)
        assert hit[STATE] == "hit"
        assert not hit.has_header("Content-Encoding")
        assert hit.content == miss.content
        assert dict(hit.items()) == dict(plain.items())


def test_gzipped_copies_count_their_compressed_bytes_against_the_limit():
    """What bounds a process's memory: the compressed bodies' size."""
    copies = Bodies(10)
    copies.put("a", Gzipped(b"a" * 6, {"Content-Encoding": "gzip"}))
    copies.put("b", Gzipped(b"b" * 4, {"Content-Encoding": "gzip"}))
    assert (copies.size, list(copies.items)) == (10, ["a", "b"])
    copies.put("c", Gzipped(b"c", {}))
    assert (copies.size, list(copies.items)) == (5, ["b", "c"])
