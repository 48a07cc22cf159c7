"""The README's "the same by hand" commands for the notices' jobs say to set
``PORTAL_BASE_URL`` (review r14n, F7): a trial on a port other than 8000 would otherwise be
sent e-mails linking to port 8000."""

from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_jobs_table_is_followed_by_how_to_set_the_address():
    text = README.read_text()
    table = text.index("| job (task) | when (Europe/London) | the same by hand |")
    after = text[table:text.index("**One source for the schedule**", table)]
    assert "notices_send()" in after
    assert "PORTAL_BASE_URL=http://127.0.0.1:8100" in after
    assert "PORT=8100 make run" in after
