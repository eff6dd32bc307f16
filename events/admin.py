"""The editors' admin: add events by hand, correct them, verify them, split wrongly merged ones.

Saving an event through its form marks it `edited`, so re-extraction adds sources to it but
never overwrites the correction.
"""
from __future__ import annotations

import json
from datetime import date

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from events import models_term_chart
from events.admin_jobs import queue_extraction
from events.extraction.temporal import resolve
from events.ingest import IngestError, reextract_article, store_paragraphs, validate, validate_published
from events.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    Mention,
    Paragraph,
    alias_key,
    content_hash,
    paragraph_url,
    settle_sourceless,
)
from events.views import mention_url, timeline_url_for

admin.site.site_header = "Diplomatic Events Timeline — editors"
admin.site.site_title = "Timeline editors"
admin.site.index_title = "Events, sources and actors"
admin.site.site_url = "/"


def _source_link(mention: Mention):
    if not mention.pk:
        return "—"
    where = f"¶{mention.paragraph.index + 1}" if mention.paragraph_id else "headline"
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{} — {}</a>', mention_url(mention), mention.article.title, where
    )


def _paragraph_link(paragraph: Paragraph):
    url = paragraph_url(paragraph.article_id, paragraph.index)
    return format_html('<a href="{}" target="_blank" rel="noopener">#p-{}</a>', url, paragraph.index)


# --- events ----------------------------------------------------------------------------------------


def _update_each(queryset, **fields) -> int:
    """Set fields on each selected object through save(), so that the audit trail records every change."""
    n = 0
    for obj in queryset:
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(fields))
        n += 1
    return n


class MentionInlineForm(forms.ModelForm):
    split_off = forms.BooleanField(
        required=False, label="Move to new event",
        help_text="Tick the sources that describe a different event, then save: they move to a new event.",
    )

    class Meta:
        model = Mention
        fields: list[str] = []


class MentionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        forms_with_instance = [f for f in self.forms if f.instance.pk]
        ticked = [f for f in forms_with_instance if f.cleaned_data.get("split_off")]
        if ticked and len(ticked) == len(forms_with_instance):
            raise ValidationError(
                "Moving every source would leave this event with none; leave at least one unticked."
            )


class MentionInline(admin.TabularInline):
    model = Mention
    form = MentionInlineForm
    formset = MentionInlineFormSet
    extra = 0
    can_delete = False
    fields = ("source", "trigger", "sentence", "date_text", "extractor_version", "split_off")
    readonly_fields = ("source", "trigger", "sentence", "date_text", "extractor_version")
    verbose_name = "source"
    verbose_name_plural = "sources (mentions in articles)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "paragraph")

    def has_add_permission(self, request, obj=None):
        return False  # sources come from ingestion

    @admin.display(description="Source")
    def source(self, obj):
        return _source_link(obj)


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = (
            "type", "status", "participants", "location", "date_earliest", "date_latest", "granularity",
            "date_approximate", "date_text", "timex_value", "verified", "rejected",
        )
        widgets = {
            "date_earliest": forms.DateInput(attrs={"type": "date"}),
            "date_latest": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "date_text": "The date as written. With both bounds empty, it is resolved on save against the "
            "publication date of the event's first source (today for an event without sources): "
            "'last Tuesday', 'in early May', 'over a decade ago', '7 juin 2016'.",
        }

    def clean(self):
        data = super().clean()
        text = (data.get("date_text") or "").strip()
        if text and data.get("date_earliest") is None and data.get("date_latest") is None:
            timex = resolve(text, self._reference_date(), tense=self._tense(data.get("status")))
            if timex is None or not timex.is_date:
                self.add_error("date_text", "This date expression could not be read; give the dates below instead.")
            else:
                data.update(
                    date_earliest=timex.earliest, date_latest=timex.latest, granularity=timex.granularity,
                    timex_value=data.get("timex_value") or timex.value, date_approximate=timex.approximate,
                )
                for name in ("date_earliest", "date_latest", "granularity", "date_approximate"):
                    setattr(self.instance, name, data[name])
        return data

    def _reference_date(self):
        first = None
        if self.instance.pk:
            first = self.instance.mentions.select_related("article").order_by("article__published").first()
        return first.article.published if first else date.today()

    @staticmethod
    def _tense(status):
        return "future" if status == Event.Status.PLANNED else "past" if status == Event.Status.OCCURRED else None


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    form = EventAdminForm
    list_display = (
        "type", "date_label_display", "status", "participant_names", "source_count",
        "verified", "edited", "rejected", "confidence_display",
    )
    list_display_links = ("type", "date_label_display")
    list_filter = ("type", "status", "verified", "edited", "rejected", "lost_source", "granularity")
    search_fields = ("participants__name", "participants__aliases__alias", "date_text", "location")
    autocomplete_fields = ("participants",)
    readonly_fields = (
        "date_label_display", "sort_date", "confidence", "reasons_display", "extractor_version",
        "created_at", "updated_at", "timeline_link", "edited", "lost_source",
    )
    fieldsets = (
        (None, {"fields": ("type", "status", "participants", "location")}),
        ("When", {
            "fields": (
                "date_earliest", "date_latest", "granularity", "date_approximate", "date_label_display", "date_text",
                "timex_value",
            ),
            "description": "Leave a bound empty when it is open (e.g. only 'before June 2006' is known).",
        }),
        ("Editorial", {
            "fields": ("verified", "rejected", "edited", "lost_source", "timeline_link"),
            "description": "Reject an event that is none (a wrong reading of its source): it leaves the timeline, "
            "and re-extraction never makes it again. Deleting it instead lets the next re-extraction find it anew.",
        }),
        ("Extraction", {
            "fields": ("confidence", "reasons_display", "extractor_version", "sort_date", "created_at", "updated_at"),
            "classes": ("collapse",),
        }),
    )
    inlines = (MentionInline,)
    actions = ("mark_verified", "mark_unverified", "reject_events", "unreject_events", "merge_events")
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .prefetch_related("participants")
            .annotate(n_mentions=Count("mentions", distinct=True))
        )

    @admin.display(description="Date", ordering="sort_date")
    def date_label_display(self, obj):
        return obj.date_label if obj.pk else "—"

    @admin.display(description="Participants")
    def participant_names(self, obj):
        return ", ".join(a.name for a in obj.participants.all()) or "—"

    @admin.display(description="Sources", ordering="n_mentions")
    def source_count(self, obj):
        return getattr(obj, "n_mentions", None) if obj.pk else 0

    @admin.display(description="Confidence", ordering="confidence")
    def confidence_display(self, obj):
        # Two decimals: the float 0.95 shown as it is stored reads "0.9500000000000001".
        return f"{obj.confidence:.2f}" if obj.confidence is not None else "—"

    @admin.display(description="Reasons")
    def reasons_display(self, obj):
        reasons = obj.reasons or []
        if isinstance(reasons, list) and all(isinstance(r, str) for r in reasons):
            return format_html_join("", "<div>• {}</div>", ((r,) for r in reasons)) or "—"
        return format_html("<pre>{}</pre>", json.dumps(reasons, indent=2, ensure_ascii=False))

    @admin.display(description="On the timeline")
    def timeline_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">Open on the timeline</a>', timeline_url_for(obj))

    def save_model(self, request, obj, form, change):
        # Any save through this form is an editor's decision: protect it from re-extraction.
        obj.edited = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Mention:
            return super().save_formset(request, form, formset, change)
        to_move = [f.instance for f in formset.forms if f.instance.pk and f.cleaned_data.get("split_off")]
        super().save_formset(request, form, formset, change)
        if to_move:
            new_event = self._split(form.instance, to_move)
            url = reverse("admin:events_event_change", args=[new_event.pk])
            self.message_user(
                request,
                format_html(
                    'Moved {} source(s) to a new event: <a href="{}">{}</a>. Check its type, date and participants.',
                    len(to_move), url, new_event,
                ),
                messages.SUCCESS,
            )

    @staticmethod
    @transaction.atomic
    def _split(event: Event, mentions: list[Mention]) -> Event:
        """A copy of `event` (marked edited, unverified: nobody checked it yet) that takes over `mentions`.
        Both are marked edited, so that re-extraction keeps the sources where the editor put them."""
        new_event = Event.objects.create(
            type=event.type, status=event.status, date_earliest=event.date_earliest, date_latest=event.date_latest,
            granularity=event.granularity, timex_value=event.timex_value, date_text=event.date_text,
            date_approximate=event.date_approximate, location=event.location, confidence=event.confidence, extractor_version=event.extractor_version,
            reasons=[f"Split by an editor from event #{event.pk}."], verified=False, edited=True,
        )
        new_event.participants.set(event.participants.all())
        Mention.all_objects.filter(pk__in=[m.pk for m in mentions]).update(event=new_event)
        models_term_chart.refresh([event.pk, new_event.pk])  # the update bypassed the mentions' signals
        if not event.edited:
            event.edited = True
            event.save(update_fields=["edited"])
        return new_event

    def _set_verified(self, request, queryset, verified: bool) -> None:
        # Verified events are protected from re-extraction (Event.protected) without being marked edited.
        n = _update_each(queryset, verified=verified)
        state = "verified" if verified else "not verified"
        self.message_user(request, f"{n} event(s) marked as {state}.", messages.SUCCESS)

    @admin.action(description="Reject selected events (not events: hide them and never extract them again)",
                  permissions=["change"])
    def reject_events(self, request, queryset):
        n = _update_each(queryset, rejected=True)
        self.message_user(request, f"{n} event(s) rejected: hidden from the timeline, kept from re-extraction. "
                          "The “rejected” filter lists them.", messages.SUCCESS)

    @admin.action(description="Restore selected rejected events", permissions=["change"])
    def unreject_events(self, request, queryset):
        n = _update_each(queryset, rejected=False, edited=True)
        self.message_user(request, f"{n} event(s) restored to the timeline.", messages.SUCCESS)

    @admin.action(description="Mark selected events as verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        self._set_verified(request, queryset, True)

    @admin.action(description="Mark selected events as not verified", permissions=["change"])
    def mark_unverified(self, request, queryset):
        self._set_verified(request, queryset, False)

    @admin.action(description="Merge selected events into the oldest one", permissions=["change", "delete"])
    def merge_events(self, request, queryset):
        events = list(queryset.order_by("pk"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return
        target, others = events[0], events[1:]
        moved = self._merge(target, others)
        url = reverse("admin:events_event_change", args=[target.pk])
        self.message_user(
            request,
            format_html(
                'Merged {} event(s) into <a href="{}">{}</a> ({} source(s) moved). Check its type, date and participants.',
                len(others), url, target, moved,
            ),
            messages.SUCCESS,
        )

    @staticmethod
    @transaction.atomic
    def _merge(target: Event, others: list[Event]) -> int:
        """Move the others' sources and participants to `target`, then delete them; returns sources moved.

        The target keeps its own type and dates; it is marked edited and, its evidence having
        changed, not verified.
        """
        moved = 0
        positions = set(target.mentions.values_list("article_id", "paragraph_id", "sentence_index", "trigger_start"))
        for event in others:
            for mention in event.mentions.all():
                key = (mention.article_id, mention.paragraph_id, mention.sentence_index, mention.trigger_start)
                if key in positions:
                    continue  # the same words already source the target; deleted with their event
                positions.add(key)
                mention.event = target
                mention.save(update_fields=["event"])
                moved += 1
            target.participants.add(*event.participants.all())
        for event in Event.all_objects.filter(pk__in=[e.pk for e in others]):
            event.delete()  # one by one: the audit trail records each
        target.refresh_from_db()
        target.edited, target.verified = True, False
        target.save(update_fields=["edited", "verified"])
        return moved


class MentionAdminForm(forms.ModelForm):
    """Moving a source to another event: refused when that event already has a source at the same words."""

    class Meta:
        model = Mention
        fields = ("event",)

    def clean(self):
        data = super().clean()
        event, m = data.get("event"), self.instance
        if event is not None and m.pk and event.pk != m.event_id:
            clash = Mention.all_objects.filter(
                event=event, article_id=m.article_id, paragraph_id=m.paragraph_id,
                sentence_index=m.sentence_index, trigger_start=m.trigger_start,
            ).exclude(pk=m.pk)
            if clash.exists():
                self.add_error(
                    "event",
                    f"Event #{event.pk} ({event}) already has this source (the same words of the same sentence). "
                    "To join the two events, use the merge action on the events list instead.",
                )
        return data


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    form = MentionAdminForm
    list_display = ("trigger", "event", "source", "date_text", "extractor_version")
    list_select_related = ("event", "article", "paragraph")
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("event__participants")
    list_filter = ("extractor_version",)
    search_fields = ("trigger", "sentence", "article__title")
    autocomplete_fields = ("event",)
    fields = ("event", "source", "trigger", "sentence", "date_text", "extractor_version", "created_at")
    readonly_fields = ("source", "trigger", "sentence", "date_text", "extractor_version", "created_at")

    def has_add_permission(self, request):
        return False  # sources come from ingestion; an editor may only move one to another event

    @admin.display(description="Source")
    def source(self, obj):
        return _source_link(obj)

    def save_model(self, request, obj, form, change):
        # Moving a source changes both events' evidence: protect both from re-extraction.
        if "event" in form.changed_data:
            Event.all_objects.filter(pk__in=[obj.event_id, form.initial.get("event")]).update(edited=True)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        event_id = obj.event_id
        super().delete_model(request, obj)
        settle_sourceless([event_id])  # an event whose last source this was goes too, unless an editor's

    def delete_queryset(self, request, queryset):
        event_ids = set(queryset.values_list("event_id", flat=True))
        super().delete_queryset(request, queryset)
        settle_sourceless(event_ids)


# --- actors ----------------------------------------------------------------------------------------


class ActorAliasForm(forms.ModelForm):
    """An alias's key (alias_key) is unique across actors: a clash is a form error naming the actor that has it."""

    class Meta:
        model = ActorAlias
        fields = ("alias", "actor")

    def clean(self):
        data = super().clean()
        alias = data.get("alias")
        if alias is None:
            return data
        key = alias_key(alias)
        if not key:
            self.add_error("alias", "An alias needs at least one letter or digit.")
            return data
        taken = ActorAlias.objects.select_related("actor").filter(key=key).exclude(pk=self.instance.pk).first()
        if taken is not None:
            actor = data.get("actor") or getattr(self.instance, "actor", None)
            owner = "this actor" if actor is not None and actor.pk == taken.actor_id else f"{taken.actor.name}"
            self.add_error(
                "alias",
                f"“{alias}” matches the alias “{taken.alias}” of {owner} (#{taken.actor_id}); "
                "an alias can belong to one actor only.",
            )
        return data


class ActorAliasFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen: dict[str, str] = {}
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            alias = form.cleaned_data.get("alias")
            if not alias or not (key := alias_key(alias)):
                continue
            if key in seen:
                form.add_error("alias", f"“{alias}” is the same alias as “{seen[key]}” above.")
            seen[key] = alias


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    form = ActorAliasForm
    formset = ActorAliasFormSet
    fields = ("alias", "key")
    readonly_fields = ("key",)
    extra = 1


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "role", "event_count", "alias_list")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__alias", "role")
    ordering = ("name",)
    inlines = (ActorAliasInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_events=Count("events", distinct=True)).prefetch_related(
            "aliases"
        )

    @admin.display(description="Events", ordering="n_events")
    def event_count(self, obj):
        return getattr(obj, "n_events", 0)

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return ", ".join(a.alias for a in obj.aliases.all() if a.alias != obj.name) or "—"


@admin.register(ActorAlias)
class ActorAliasAdmin(SimpleHistoryAdmin):
    form = ActorAliasForm
    list_display = ("alias", "actor", "key")
    list_select_related = ("actor",)
    search_fields = ("alias", "actor__name")
    autocomplete_fields = ("actor",)
    readonly_fields = ("key",)


# --- articles --------------------------------------------------------------------------------------


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    fields = ("index", "text", "anchor")
    readonly_fields = ("index", "text", "anchor")
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False  # paragraphs are made from the text at ingestion

    @admin.display(description="Link")
    def anchor(self, obj):
        return _paragraph_link(obj)


class ArticleAdminForm(forms.ModelForm):
    """The same text twice is one article (Article.content_hash is unique): refuse it with a pointer to the first.

    No Meta: ArticleAdmin's form factory adds the model's fields, with its formfield_overrides.
    """

    def clean(self):
        data = super().clean()
        try:
            if "text" in data:  # a new article: every rule of ingestion
                data["text"] = validate(data["text"], data.get("published"), data.get("title"), data.get("url") or "")[0]
            elif data.get("published"):
                validate_published(data["published"])
        except IngestError as e:
            raise ValidationError(str(e)) from None
        return data

    def clean_text(self):
        text = self.cleaned_data["text"]
        existing = Article.objects.filter(content_hash=content_hash(text)).exclude(pk=self.instance.pk).first()
        if existing is not None:
            raise ValidationError(
                "This text is already stored as article #%(pk)s “%(title)s” (published %(published)s).",
                code="duplicate",
                params={"pk": existing.pk, "title": existing.title, "published": f"{existing.published:%Y-%m-%d}"},
            )
        return text


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ("title", "outlet", "published", "paragraph_count", "mention_count", "page_link")
    list_filter = ("outlet",)
    search_fields = ("title", "outlet", "url", "text")
    date_hierarchy = "published"
    readonly_fields = ("page_link", "content_hash", "extractor_version", "created_at")
    inlines = (ParagraphInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_paragraphs=Count("paragraphs", distinct=True), n_mentions=Count("mentions", distinct=True)
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"published", "title"} & set(form.changed_data) and obj.mentions.exists():
            # Relative dates were resolved against the old date: read the article again (editors' work kept).
            r = reextract_article(obj)
            self.message_user(request, f"Re-read the article against its new metadata: {r.events_created} new "
                              f"events, {r.events_merged} refreshed; edited, verified and rejected events kept.")
        # An article typed in here gets its Paragraph rows from its text, as an ingested one does, so that its
        # paragraph anchors and re-extraction work (a no-op once it has them).
        store_paragraphs(obj)
        if not change:
            queue_extraction(request, obj)  # its events are found by a worker, as for any other article

    def get_readonly_fields(self, request, obj=None):
        # The paragraphs (and the sources that point into them) were cut from the stored text:
        # changing it afterwards would break every anchor, so it is fixed once ingested.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "text") if obj else fields

    @admin.display(description="Paragraphs", ordering="n_paragraphs")
    def paragraph_count(self, obj):
        return getattr(obj, "n_paragraphs", 0)

    @admin.display(description="Sources", ordering="n_mentions")
    def mention_count(self, obj):
        return getattr(obj, "n_mentions", 0)

    @admin.display(description="Page")
    def page_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">View article page</a>', obj.get_absolute_url())


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ("__str__", "article", "index", "anchor")
    list_select_related = ("article",)
    search_fields = ("text", "article__title")
    readonly_fields = ("article", "index", "text", "anchor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Link")
    def anchor(self, obj):
        return _paragraph_link(obj)
