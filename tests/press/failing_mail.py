"""A mail backend for tests that refuses one address (as a mail server would) and keeps the rest."""

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    refused = "reporter2@example.org"

    def send_messages(self, messages):
        if any(self.refused in m.to for m in messages):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)
