from django.urls import include, path

from .views import archive, articles, campaigns, feeds, home, listings, live, press, search, sitemaps

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("news/<int:item_id>/<str:slug>/", articles.article, name="article"),
    path("n/<int:item_id>", articles.short, name="short"),
    path("agency/<str:slug>/", listings.agency, name="agency"),
    path("sector/<str:slug>/", listings.sector, name="sector"),
    path("tag/<str:slug>/", listings.tag, name="tag"),
    path("archive/<str:year>/", archive.archive_year, name="archive_year"),
    path("archive/<str:year>/<str:month>/", archive.archive_month, name="archive_month"),
    path("feeds/rss/", feeds.feed_rss, name="feed_rss"),
    path("feeds/atom/", feeds.feed_atom, name="feed_atom"),
    path("feeds/agency/<str:slug>/rss/", feeds.agency_rss, name="agency_rss"),
    path("feeds/agency/<str:slug>/atom/", feeds.agency_atom, name="agency_atom"),
    path("feeds/sector/<str:slug>/rss/", feeds.sector_rss, name="sector_rss"),
    path("feeds/sector/<str:slug>/atom/", feeds.sector_atom, name="sector_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-pages.xml", sitemaps.pages, name="sitemap_pages"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    path("sitemap-items-<int:number>.xml", sitemaps.items, name="sitemap_items"),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("search/", search.search, name="search"),
    path("newsletter/", include("hamafza.portal.views.newsletter")),
    path("dashboard/", include("hamafza.portal.views.dashboard")),
    path("campaign/<str:slug>/", campaigns.campaign, name="campaign"),
    path("live/", live.live_index, name="live_index"),
    path("live/<int:event_id>/", live.live_event, name="live_event"),
    path("live/<int:event_id>/poll/", live.live_poll, name="live_poll"),
    path("board/", live.board, name="board"),
    path("board/text/", live.board_text, name="board_text"),
    path("board/<int:entity_id>/", live.board_entity, name="board_entity"),
    path("board.json", live.board_json, name="board_json"),
    path("board/atom/", live.board_atom, name="board_atom"),
    path("press/preview/<str:token>/", press.press_preview, name="press_preview"),
]
