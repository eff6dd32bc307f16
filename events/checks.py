"""Deployment checks: `manage.py check --deploy` fails (not only warns) on a short SECRET_KEY."""
from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_SECRET_KEY_LENGTH = 50


@register(Tags.security, deploy=True)
def secret_key_length(app_configs, **kwargs):
    if settings.DEBUG or len(settings.SECRET_KEY) >= MIN_SECRET_KEY_LENGTH:
        return []
    return [Error(
        f"SECRET_KEY has {len(settings.SECRET_KEY)} characters; a deployment needs at least {MIN_SECRET_KEY_LENGTH}.",
        hint='Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"',
        id="events.E001",
    )]
