from urllib.parse import urlsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .links import absolute_url
from .privacy import public


class LocalizedSitemap(Sitemap):
    """Every live public page of the site, in every language.

    Wagtail's own sitemap walks only the default-language tree; translations
    live in sibling trees, one per locale.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        in_a_root = Q()
        for root in roots:
            in_a_root |= Q(path__startswith=root.path)
        return (
            public(Page.objects.filter(in_a_root).live())
            .order_by("locale_id", "path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if self.request is not None:
            for url in urls:
                # Absolute on the site's public address, not the Site record's.
                parts = urlsplit(url["location"])
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                url["location"] = absolute_url(path, self.request)
        return urls
