"""The public scorecard API: public criteria per agency; scores only when the council publishes them."""

from hamafza.scorecard import actions

from .fixture import record  # noqa: F401  (fixture)

URL = "/api/v1/scorecard"
ABAN = {"kind": "month", "year": "1405", "month": "8"}


def test_public_figures_without_scores_by_default(client, personas, record):
    data = client.get(URL, ABAN, HTTP_HOST="khz.example.ir").json()
    keys = [c["key"] for c in data["criteria"]]
    assert "news_count" in keys and "response_hours" not in keys and "tasks_on_time" not in keys
    assert "deliveries" not in keys
    rows = {r["agency"]: r for r in data["agencies"]}
    own = rows[personas.own.slug]
    assert own["figures"]["news_count"] == 3 and own["figures"]["image_share"] == 50
    assert rows[personas.supporting.slug]["figures"]["image_share"] is None
    assert own["score"] is None and own["rank"] is None and data["scores_published"] is False


def test_scores_when_the_council_publishes_them(client, personas, record):
    actions.set_weights(personas.secretariat, personas.council.pk, {}, public_scores=True)
    rows = {r["agency"]: r for r in client.get(URL, ABAN, HTTP_HOST="khz.example.ir").json()["agencies"]}
    assert (rows[personas.own.slug]["score"], rows[personas.own.slug]["rank"]) == (76.8, 1)


def test_bad_periods_are_400_in_persian(client, personas, record):
    for params in ({"kind": "month", "year": "1405", "month": "13"}, {"kind": "campaign", "campaign": str(2**70)},
                   {"kind": "x\x00", "year": "1405"}, {"year": "9" * 8}):
        response = client.get(URL, params, HTTP_HOST="khz.example.ir")
        assert response.status_code == 400, params
        assert any("\u0600" <= ch <= "\u06ff" for ch in response.json()["detail"])
