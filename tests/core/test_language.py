"""The interface stays Persian whatever language the browser asks for."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "de-DE", "fa-IR,fa;q=0.9", ""])
def test_form_errors_are_persian_for_any_browser_language(client, world, accept):
    response = client.post(
        "/accounts/sign-in/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE=accept, HTTP_HOST="khz.example.ir"
    )
    page = response.content.decode()
    assert "This field is required" not in page
    assert "این فیلد لازم است" in page
    assert response["Content-Language"] == "fa"


@pytest.mark.django_db
def test_an_explicit_choice_is_respected(client, world):
    client.cookies["django_language"] = "en"
    response = client.post("/accounts/sign-in/", {"username": "", "password": ""}, HTTP_HOST="khz.example.ir")
    assert response["Content-Language"] == "en"
    assert "This field is required" in response.content.decode()
