"""The editors' decisions against the real extractor: split in the admin, reject, then `reextract`."""
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, Mention
from tests.test_admin import _change_data

pytestmark = pytest.mark.django_db
HELSINKI = Path(__file__).resolve().parent.parent / "demo" / "articles" / "helsinki-summit-2018.txt"


def positions():
    return sorted((m.paragraph.index, m.trigger_start, m.event_id) for m in Mention.all_objects.select_related("paragraph"))


def test_split_and_reject_in_the_admin_survive_reextract(admin_client):
    call_command("ingest", str(HELSINKI), "--published", "2018-07-16")
    summit = Event.objects.get(type="summit", mentions__paragraph__index=0)
    assert summit.mentions.count() >= 4
    data = _change_data(summit)
    headline = [i for i, m in enumerate(summit.mentions.order_by("pk")) if m.paragraph.index == 0]
    data[f"mentions-{headline[0]}-split_off"] = "on"
    assert admin_client.post(reverse("admin:events_event_change", args=[summit.pk]), data).status_code == 302
    split = Event.objects.exclude(pk=summit.pk).get(mentions__paragraph__index=0)

    call_command("reextract")
    after = positions()
    assert len({p[:2] for p in after}) == len(after)  # no words source two events
    assert [m.paragraph.index for m in split.mentions.all()] == [0]
    assert 0 not in summit.mentions.values_list("paragraph__index", flat=True)

    counts = Event.all_objects.count()
    admin_client.post(reverse("admin:events_event_changelist"), {"action": "reject_events", "_selected_action": [split.pk]})
    call_command("reextract")
    call_command("reextract")
    assert Event.all_objects.count() == counts and Event.all_objects.get(pk=split.pk).rejected
    assert not Event.objects.filter(mentions__paragraph__index=0, type="summit").exists()
    assert positions() == after
