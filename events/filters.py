"""The timeline's filters: event type, participant, status, date range, verified, and a free-text search.

Every filter keeps one row per event (no joins that multiply rows), so keyset pagination on
(sort_date, id) stays exact and no DISTINCT is needed.
"""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from events.models import Actor, ActorAlias, Event, alias_key

_TEXT_SEARCH_MAX = 100


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
        field_name="participants",
        label="Participant",
        empty_label="Anyone",
    )
    status = django_filters.ChoiceFilter(
        choices=Event.Status.choices,
        empty_label="Occurred or planned",
        label="Status",
    )
    date_from = django_filters.DateFilter(
        method="filter_date_from",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        method="filter_date_to",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
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
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, alias or place"}),
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_date_from(self, queryset, name, value):
        return queryset.between(value, None) if value else queryset

    def filter_date_to(self, queryset, name, value):
        return queryset.between(None, value) if value else queryset

    def filter_verified(self, queryset, name, value):
        # An unticked checkbox means "no restriction", not "unverified only".
        return queryset.filter(verified=True) if value else queryset

    def filter_text(self, queryset, name, value):
        """Events at a matching place, or with a participant one of whose names matches.

        Every actor's name is also stored as an alias, keyed case-, accent- and punctuation-insensitively
        (alias_key): matching the keys finds 'Sauli Niinistö' for 'niinisto', which SQLite's icontains
        (ASCII-only case folding, no accent folding) would not.
        """
        value = (value or "").strip()
        if not value:
            return queryset
        place = Q(location__icontains=value)
        key = alias_key(value)
        if not key:  # only punctuation: no name can match it
            return queryset.filter(place)
        through = Event.participants.through
        actors = ActorAlias.objects.filter(key__contains=key).values("actor_id")
        by_participant = through.objects.filter(actor_id__in=actors).values("event_id")
        return queryset.filter(place | Q(pk__in=by_participant))

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (used for the summary line and the reset link)."""
        if not self.is_bound:
            return False
        return any(v not in (None, "", [], False) for v in self.form.cleaned_data.values())
