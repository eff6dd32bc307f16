"""The timeline's filters: event type, participant, status, date range, verified, and a free-text search.

Every filter keeps one row per event (no joins that multiply rows), so keyset pagination on
(sort_date, id) stays exact and no DISTINCT is needed.
"""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from events import search
from events.dates import DayFirstDateField, format_day
from events.models import Actor, Event
from events.views import paging

_TEXT_SEARCH_MAX = 100


class DayFirstDateFilter(django_filters.Filter):
    field_class = DayFirstDateField


class TimelineFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            for name in ("date_from", "date_to"):
                data.pop(name, None)
            raise forms.ValidationError(
                "The date range is reversed: From (%(start)s) is after To (%(end)s), so the range was ignored. "
                "Swap the two dates.",
                code="reversed_range", params={"start": format_day(start), "end": format_day(end)},
            )
        return data


class EventFilterSet(django_filters.FilterSet):
    type = django_filters.MultipleChoiceFilter(
        choices=Event.Type.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Event type",
        distinct=False,  # a column of the event itself: no join, no duplicates
    )
    participant = django_filters.ModelChoiceFilter(
        # Only actors that take part in some event: a choice that can only give an empty list is noise.
        # EXISTS per actor uses the through table's actor index, so the cost follows the actors, not the events.
        queryset=Actor.objects.filter(
            Exists(Event.participants.through.objects.filter(actor_id=OuterRef("pk")))
        ).only("id", "name").order_by("name"),
        method="filter_participant",
        label="Participant",
        empty_label="Anyone",
    )
    status = django_filters.ChoiceFilter(
        choices=Event.Status.choices,
        empty_label="Occurred or planned",
        label="Status",
    )
    # Text inputs, not type=date: a browser's date picker shows its own locale's order (mm/dd/yyyy in
    # en-US) beside the page's day-first dates. These read '7 Jun 2016', '07/06/2016', 'Jun 2016', '2016'.
    date_from = DayFirstDateFilter(
        method="filter_date_from",
        label="From",
        widget=forms.TextInput(attrs={"placeholder": "e.g. 1 Jun 2016", "autocomplete": "off", "size": 12}),
    )
    date_to = DayFirstDateFilter(
        method="filter_date_to",
        label="To",
        end=True,
        widget=forms.TextInput(attrs={"placeholder": "e.g. 30 Jun 2016", "autocomplete": "off", "size": 12}),
    )
    verified = django_filters.BooleanFilter(
        method="filter_verified",
        label="Verified by an editor only",
        widget=forms.CheckboxInput,
    )
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        max_length=_TEXT_SEARCH_MAX,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, place, words of a source"}),
    )

    class Meta:
        model = Event
        fields: list[str] = []
        form = TimelineFilterForm

    def filter_date_from(self, queryset, name, value):
        return queryset.between(value, None) if value else queryset

    def filter_date_to(self, queryset, name, value):
        return queryset.between(None, value) if value else queryset

    def filter_participant(self, queryset, name, value):
        # Through the actor's timeline rows (events/models_actors.py): one row per event, and an index in
        # timeline order that the page's segments range-scan (events/views/paging.py, ACTOR_KEY).
        return paging.for_actor(queryset, value) if value else queryset

    def filter_verified(self, queryset, name, value):
        # An unticked checkbox means "no restriction", not "unverified only".
        return queryset.filter(verified=True) if value else queryset

    # Whether the text search narrowed the events to a bounded list of ids (events/search.py: narrow); the
    # chart counts a bounded search's events one by one and says when it could not bound one.
    search_bounded = True

    def filter_text(self, queryset, name, value):
        """Events whose sentences, article titles, place or participants' names have every word (events/search.py)."""
        queryset, self.search_bounded = search.narrow(queryset, value)
        return queryset

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (used for the summary line and the reset link)."""
        if not self.is_bound:
            return False
        return self.active_count > 0

    @property
    def active_count(self) -> int:
        """How many filters narrow the list; a date range counts once (shown on the phone's Filters button)."""
        if not self.is_bound:
            return 0
        data = self.form.cleaned_data
        names = {"dates" if k in ("date_from", "date_to") else k for k, v in data.items() if v not in (None, "", [], False)}
        return len(names)
