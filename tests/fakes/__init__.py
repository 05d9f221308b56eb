"""Local fakes of the outside services, shared by every test package (and bench/): import them
by module, e.g. `from tests.fakes.messengers import FakeBotServer`.

    http.py        FakeHttpServer: the local threaded HTTP server, its JSON answers, the body parser
    messengers.py  the Bot API (Telegram, Bale), Eitaayar and Rubika; html_problem, visible_length
    kavenegar.py   Kavenegar's SMS REST API
"""
