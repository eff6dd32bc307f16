"""The timeline's filters: event type, participant, status, date range, verified, and a free-text search.

Every filter keeps one row per event (no joins that multiply rows), so keyset pagination on
(sort_date, id) stays exact and no DISTINCT is needed.
"""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from events.models import Actor, ActorAlias, Event

_TEXT_SEARCH_MAX = 100


class EventFilterSet(django_filters.FilterSet):
    type = django_filters.MultipleChoiceFilter(
        choices=Event.Type.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Event type",
        distinct=False,  # a column of the event itself: no join, no duplicates
    )
    participant = django_filters.ModelChoiceFilter(
        queryset=Actor.objects.only("id", "name").order_by("name"),
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
        help_text="Events that may have happened on or after this day.",
    )
    date_to = django_filters.DateFilter(
        method="filter_date_to",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Events that may have happened on or before this day.",
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
        value = (value or "").strip()
        if not value:
            return queryset
        through = Event.participants.through
        by_name = through.objects.filter(actor__name__icontains=value).values("event_id")
        alias_actors = ActorAlias.objects.filter(alias__icontains=value).values("actor_id")
        by_alias = through.objects.filter(actor_id__in=alias_actors).values("event_id")
        return queryset.filter(
            Q(location__icontains=value) | Q(pk__in=by_name) | Q(pk__in=by_alias)
        )

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (used for the summary line and the reset link)."""
        if not self.is_bound:
            return False
        return any(v not in (None, "", [], False) for v in self.form.cleaned_data.values())
