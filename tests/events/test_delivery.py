"""What a slow phone downloads: compressed HTML, long-lived media (issue 12, item 13)."""

import gzip

from django.test import RequestFactory, override_settings

from home.views import media
from tests.factories.events import make_event


def test_listing_html_is_gzipped_for_browsers_that_accept_it(client, index):
    for n in range(3):
        make_event(index, title=f"Workshop {n}", slug=f"workshop-{n}")
    response = client.get("/events/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Workshop 2" in gzip.decompress(response.content).decode()


def test_uploaded_renditions_are_cached_for_a_year(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.width-400.webp").write_bytes(b"RIFF....WEBP")
    (tmp_path / "other.txt").write_text("x")
    request = RequestFactory().get("/media/images/photo.width-400.webp")
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        rendition = media(request, "images/photo.width-400.webp")
        other = media(RequestFactory().get("/media/other.txt"), "other.txt")
    assert "max-age=31536000" in rendition["Cache-Control"]
    assert "immutable" in rendition["Cache-Control"]
    assert "max-age=86400" in other["Cache-Control"]
