"""URLs of the register: the public 专栏 (/zfxxgk/…, /search/, /sitemap.xml) and the staff desk (/register/…)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views_public, views_staff
from .sitemaps import SITEMAPS

app_name = "disclosures"
urlpatterns = [
    # public
    path("zfxxgk/", views_public.column_index, name="column_index"),
    path("zfxxgk/content/", views_public.browse, name="browse"),
    path("zfxxgk/annual/", views_public.annual, name="annual"),
    path("zfxxgk/annual/<int:pk>/", views_public.annual_report, name="annual_report"),
    path("zfxxgk/annual/<int:pk>/download/", views_public.annual_download, name="annual_download"),
    path("zfxxgk/on-request/", views_public.on_request, name="on_request"),
    path("zfxxgk/items/<int:pk>/", views_public.item, name="item"),
    path("zfxxgk/attachments/<int:pk>/", views_public.attachment, name="attachment"),
    path("zfxxgk/feed.rss", feeds.LatestRss(), name="feed_rss"),
    path("zfxxgk/feed.atom", feeds.LatestAtom(), name="feed_atom"),
    path("zfxxgk/<slug:agency>/", views_public.agency_index, name="agency_index"),
    path("zfxxgk/<slug:agency>/guide/", views_public.guide, name="guide"),
    path("zfxxgk/<slug:agency>/system/", views_public.system, name="system"),
    path("search/", views_public.search_page, name="search"),
    path("search/json/", views_public.search_json, name="search_json"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "disclosures:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    # staff
    path("register/<slug:agency>/", views_staff.desk, name="desk"),
    path("register/<slug:agency>/new/", views_staff.draft_new, name="draft_new"),
    path("register/<slug:agency>/catalogue/", views_staff.catalogue, name="catalogue"),
    path("register/<slug:agency>/guide/", views_staff.guide_edit, name="guide_edit"),
    path("register/<slug:agency>/annual/", views_staff.annual_upload, name="annual_upload"),
    path("register/<slug:agency>/proposals/", views_staff.proposals, name="proposals"),
    path("register/<slug:agency>/index-pattern/", views_staff.index_pattern, name="index_pattern"),
    path(
        "register/<slug:agency>/proposals/<int:pk>/draft/", views_staff.proposal_draft, name="proposal_draft"
    ),
    path("register/items/<int:pk>/", views_staff.staff_item, name="staff_item"),
    path("register/items/<int:pk>/edit/", views_staff.draft_edit, name="draft_edit"),
    path("register/items/<int:pk>/submit/", views_staff.submit, name="submit"),
    path("register/items/<int:pk>/review/", views_staff.review, name="review"),
    path("register/items/<int:pk>/publish/", views_staff.publish, name="publish"),
    path("register/items/<int:pk>/correct/", views_staff.correct, name="correct"),
    path("register/items/<int:pk>/withdraw/", views_staff.withdraw, name="withdraw"),
    path("register/items/<int:pk>/attach/", views_staff.attach, name="attach"),
    path("register/items/<int:pk>/validity/", views_staff.validity, name="validity"),
]
