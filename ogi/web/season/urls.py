from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…> and <year:…>)

from . import views

app_name = "season"

urlpatterns = [
    path("season/", views.index, name="index"),
    path("season/open/", views.open_season, name="open"),
    path("season/<id:season_id>/", views.season_board, name="board"),
    path("season/<id:season_id>/board.xlsx", views.board_xlsx, name="board_xlsx"),
    path("season/<id:season_id>/deadlines/", views.season_deadlines, name="deadlines"),
    path("season/<id:season_id>/roster/add/", views.roster_add, name="roster_add"),
    path("season/<id:season_id>/rollup/", views.season_rollup, name="rollup"),
    path("season/<id:season_id>/rollup.xlsx", views.rollup_xlsx, name="rollup_xlsx"),
    path("season/<id:season_id>/rollup/cells/<str:path>/", views.rollup_cell, name="rollup_cell"),
    path("season/entries/<id:entry_id>/", views.entry_page, name="entry"),
    path("season/entries/<id:entry_id>/submit-final/", views.entry_submit_final, name="submit_final"),
    path("season/entries/<id:entry_id>/upload/", views.entry_upload, name="upload"),
    path("season/entries/<id:entry_id>/deadline/", views.entry_deadline, name="entry_deadline"),
    path("season/entries/<id:entry_id>/remove/", views.entry_remove, name="entry_remove"),
    path("season/drafts/<id:draft_id>/", views.draft_page, name="draft"),
    path("season/drafts/<id:draft_id>/correct/", views.draft_correct, name="correct"),
    path("season/drafts/<id:draft_id>/submit/", views.draft_submit, name="draft_submit"),
    path("season/drafts/<id:draft_id>/original/", views.draft_original, name="original"),
    path("season/submissions/<id:submission_id>/", views.submission_page, name="submission"),
    path("season/submissions/<id:submission_id>/comment/", views.submission_comment, name="comment"),
    path("season/submissions/<id:submission_id>/return/", views.submission_return, name="return"),
    path("season/submissions/<id:submission_id>/accept/", views.submission_accept, name="accept"),
    path("season/submissions/<id:submission_id>/document.json", views.submission_json, name="json"),
]
